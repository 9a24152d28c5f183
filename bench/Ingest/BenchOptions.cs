using System.Globalization;

namespace CampaignConsole.Bench.Ingest;

internal sealed class BenchOptions
{
    public IReadOnlyList<int> Senders { get; private set; } = [16, 64];
    public int WarmupSeconds { get; private set; } = 2;
    public int DurationSeconds { get; private set; } = 10;
    public int BatchSize { get; private set; } = 100;
    public int Users { get; private set; } = 10_000;
    public int Rounds { get; private set; } = 1;
    public bool BodyBaseline { get; private set; }
    public bool KeepDb { get; private set; }
    public string? WebDll { get; private set; }
    public string? DbDir { get; private set; }
    /// <summary>Extra environment for the server (`--server-env KEY=VALUE`), for experiments.</summary>
    public Dictionary<string, string> ServerEnv { get; } = new(StringComparer.Ordinal);

    private const string Usage = """
        usage: CampaignConsole.Bench.Ingest [options]
          --senders 16,64        concurrent senders (one run, fresh server and database, per level)
          --warmup 2             seconds of load before measuring
          --duration 10          seconds measured
          --batch 100            messages per /v1/batch request (1..2500)
          --users 10000          userId pool (contacts are reused)
          --rounds 1             repeat each level
          --body-baseline        also measure /bench/empty posting the same batch body (cost of the bytes alone)
          --web-dll PATH         default: src/CampaignConsole.Web/bin/Release/net10.0/CampaignConsole.Web.dll above the cwd
          --db-dir DIR           where the temporary database goes (default: the temp folder)
          --keep-db              keep the database afterwards
          --server-env K=V       extra environment variable for the server (repeatable)
        """;

    public static BenchOptions? Parse(string[] args)
    {
        var o = new BenchOptions();
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
                    case "--senders":
                        o.Senders = Next().Split(',', StringSplitOptions.RemoveEmptyEntries)
                            .Select(s => int.Parse(s, CultureInfo.InvariantCulture))
                            .Select(n => n is >= 1 and <= 1024 ? n : throw new ArgumentException("--senders: 1..1024")).ToList();
                        break;
                    case "--warmup": o.WarmupSeconds = Int(0, 600); break;
                    case "--duration": o.DurationSeconds = Int(1, 600); break;
                    case "--batch": o.BatchSize = Int(1, 2500); break;
                    case "--users": o.Users = Int(1, 99_999); break;
                    case "--rounds": o.Rounds = Int(1, 20); break;
                    case "--body-baseline": o.BodyBaseline = true; break;
                    case "--keep-db": o.KeepDb = true; break;
                    case "--web-dll": o.WebDll = Path.GetFullPath(Next()); break;
                    case "--db-dir": o.DbDir = Path.GetFullPath(Next()); break;
                    case "--server-env":
                        var kv = Next().Split('=', 2);
                        if (kv.Length != 2) throw new ArgumentException("--server-env takes KEY=VALUE");
                        o.ServerEnv[kv[0]] = kv[1];
                        break;
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
}
