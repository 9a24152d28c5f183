using System.Globalization;

namespace CampaignConsole.Bench.Engine;

internal sealed class EngineBenchOptions
{
    public int SmallCampaigns { get; private set; } = 1;
    public int LargeCampaigns { get; private set; } = 1000;
    public int Iterations { get; private set; } = 200_000;
    public int MatchRounds { get; private set; } = 9;
    public int MatchingIterations { get; private set; } = 500;
    public int E2eCampaigns { get; private set; } = 10;
    public int Events { get; private set; } = 1_000;
    public int IngestEvents { get; private set; } = 20_000;
    public int BatchSize { get; private set; } = 100;
    public int Senders { get; private set; } = 4;
    public int Users { get; private set; } = 1000;
    public int MaxWaitSeconds { get; private set; } = 900;
    public int Rounds { get; private set; } = 1;
    public bool SkipInProcess { get; private set; }
    public bool SkipEndToEnd { get; private set; }
    public bool KeepDb { get; private set; }
    public string? WebDll { get; private set; }
    public string? DbDir { get; private set; }

    private const string Usage = """
        usage: CampaignConsole.Bench.Engine [options]
        Part 1, in process (the engine's handlers over a temp SQLite file):
          --small 1                campaigns on the small side
          --large 1000             campaigns on the large side
          --iterations 200000      unrelated events per round and side
          --match-rounds 9         alternating rounds (the median is reported)
          --matching 500           matching events (entries) per round and side
        Part 2, end to end (the Release-built web app as a child process on loopback):
          --campaigns 10           active campaigns on bench_event (a baseline phase with 0 is always run)
          --events 1000            bench_event messages posted (x campaigns = deliveries)
          --ingest-events 20000    events posted in the ingest-only baseline phase (0 campaigns)
          --batch 100              messages per /v1/batch request
          --senders 4              concurrent senders
          --users 1000             users identified first; events are spread over them
          --max-wait 900           seconds to wait for the deliveries after the last acknowledgement
          --rounds 1               repeat the two phases (alternating)
        Common:
          --skip-inprocess | --skip-e2e
          --web-dll PATH           default: src/CampaignConsole.Web/bin/Release/net10.0/CampaignConsole.Web.dll above the cwd
          --db-dir DIR             where temporary databases go (default: the temp folder)
          --keep-db                keep the end-to-end databases
        """;

    public static EngineBenchOptions? Parse(string[] args)
    {
        var o = new EngineBenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int(int min, int max)
            {
                var name = args[i];
                var v = int.Parse(Next(), CultureInfo.InvariantCulture);
                return v >= min && v <= max ? v : throw new ArgumentException($"{name} must be between {min} and {max}");
            }
            try
            {
                switch (args[i])
                {
                    case "--small": o.SmallCampaigns = Int(1, 100_000); break;
                    case "--large": o.LargeCampaigns = Int(1, 100_000); break;
                    case "--iterations": o.Iterations = Int(1000, 100_000_000); break;
                    case "--match-rounds": o.MatchRounds = Int(1, 101); break;
                    case "--matching": o.MatchingIterations = Int(10, 100_000); break;
                    case "--campaigns": o.E2eCampaigns = Int(1, 1000); break;
                    case "--events": o.Events = Int(100, 10_000_000); break;
                    case "--ingest-events": o.IngestEvents = Int(100, 10_000_000); break;
                    case "--batch": o.BatchSize = Int(1, 2500); break;
                    case "--senders": o.Senders = Int(1, 256); break;
                    case "--users": o.Users = Int(1, 99_999); break;
                    case "--max-wait": o.MaxWaitSeconds = Int(1, 36_000); break;
                    case "--rounds": o.Rounds = Int(1, 20); break;
                    case "--skip-inprocess": o.SkipInProcess = true; break;
                    case "--skip-e2e": o.SkipEndToEnd = true; break;
                    case "--keep-db": o.KeepDb = true; break;
                    case "--web-dll": o.WebDll = Path.GetFullPath(Next()); break;
                    case "--db-dir": o.DbDir = Path.GetFullPath(Next()); break;
                    case "-h" or "--help":
                        Console.WriteLine(Usage);
                        return null;
                    default: throw new ArgumentException($"unknown option {args[i]}");
                }
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
            {
                Console.Error.WriteLine(ex.Message);
                Console.Error.WriteLine(Usage);
                return null;
            }
        }
        return o;
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"in-process: {SmallCampaigns} vs {LargeCampaigns} campaigns, {Iterations:N0} unrelated events x {MatchRounds} rounds, {MatchingIterations} matching events x 3 rounds; " +
        $"end to end: {E2eCampaigns} campaigns, {Events:N0} events (baseline: 0 campaigns, {IngestEvents:N0} events), {BatchSize}/batch, {Senders} senders, {Users:N0} users, rounds {Rounds}");
}
