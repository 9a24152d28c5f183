using System.Globalization;
using CampaignConsole.Bench.Engine;

// Campaign-engine benchmark, one run:
//  1. in process: the cost of an event no campaign cares about with 1 vs 1,000 active campaigns
//     (CampaignMatcher + StopEventHandler + GoalHandler), and of one matching event for context;
//  2. end to end: the Release-built web app on loopback, ingest-only events/s (0 campaigns) against
//     events/s until every delivery of 10 active in-app campaigns is sent. See bench/README.md.

var options = EngineBenchOptions.Parse(args);
if (options is null) return 2;
var inv = CultureInfo.InvariantCulture;
using var cts = new CancellationTokenSource();
var ct = cts.Token;

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription.Trim()}");
Console.WriteLine($"date: {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", inv)} UTC");
Console.WriteLine(options.Describe());
Console.WriteLine();

MatchingResult? matching = null;
if (!options.SkipInProcess) matching = await MatchingBench.RunAsync(options, ct);

var phases = new List<(E2eResult? Baseline, E2eResult? Engine)>();
var failed = false;
if (!options.SkipEndToEnd)
{
    var webDll = options.WebDll ?? FindWebDll();
    if (webDll is null || !File.Exists(webDll))
    {
        Console.Error.WriteLine($"Web dll not found ({webDll ?? "no repository root above the working directory"}). Build it first: dotnet build -c Release src/CampaignConsole.Web");
        return 2;
    }
    Console.WriteLine($"web: {webDll}");
    for (var round = 0; round < options.Rounds; round++)
    {
        // Alternate the order across rounds, so drift on a shared machine does not favour one phase.
        E2eResult? baseline, engine;
        if (round % 2 == 0)
        {
            baseline = await EndToEndBench.RunPhaseAsync(webDll, options, 0, ct);
            engine = await EndToEndBench.RunPhaseAsync(webDll, options, options.E2eCampaigns, ct);
        }
        else
        {
            engine = await EndToEndBench.RunPhaseAsync(webDll, options, options.E2eCampaigns, ct);
            baseline = await EndToEndBench.RunPhaseAsync(webDll, options, 0, ct);
        }
        phases.Add((baseline, engine));
        if (baseline is null || engine is null || baseline.Errors > 0 || engine.Errors > 0 || !engine.Complete) failed = true;
    }
}

Console.WriteLine("## Results");
Console.WriteLine();
Console.WriteLine("| Measure | Value | Ratio |");
Console.WriteLine("|---|---:|---:|");
if (matching is { } m)
{
    Row($"Unrelated event, {m.SmallN} active campaign(s) (median of {m.SmallRounds.Count})", $"{m.UnrelatedSmallNs:F1} ns/event", "1.00×");
    Row($"Unrelated event, {m.LargeN:N0} active campaigns (median of {m.LargeRounds.Count})", $"{m.UnrelatedLargeNs:F1} ns/event",
        $"**{m.Ratio:F2}×** (target ≤ 1.2×: {(m.Ratio <= 1.2 ? "met" : "NOT met")}); paired rounds {m.LargeRounds.Zip(m.SmallRounds, (l, sm) => l / sm).Min():F2}–{m.LargeRounds.Zip(m.SmallRounds, (l, sm) => l / sm).Max():F2}×");
    Row($"Matching event (enters 1 campaign and runs its first step: the in-app delivery queued), {m.SmallN} / {m.LargeN:N0} active", $"{m.MatchingSmallUs:F0} / {m.MatchingLargeUs:F0} µs/event",
        $"{m.MatchingLargeUs / m.MatchingSmallUs:F2}×; {m.MatchingLargeUs * 1000 / m.UnrelatedLargeNs:N0}× an unrelated event");
    // Since entry and a journey's first run share one transaction, journeys left for the worker are only those that wait.
    Row("Journey run by the worker, 1 in-app send (queues the delivery)",
        double.IsNaN(m.JourneyRunUs) ? "none left: included in the matching event" : $"{m.JourneyRunUs:F0} µs/journey", "");
}
for (var i = 0; i < phases.Count; i++)
{
    var (b, e) = phases[i];
    var tag = phases.Count > 1 ? $" (round {i + 1})" : "";
    if (b is not null)
        Row($"Ingest only, 0 campaigns{tag}: {b.Events:N0} events, acknowledged", $"{b.IngestEventsPerSecond:N0} events/s", "1.00× (baseline)");
    if (e is not null)
    {
        var ingestRatio = b is null ? "" : $"{e.IngestEventsPerSecond / b.IngestEventsPerSecond:F2}× ingest-only";
        Row($"Ingest with {e.Campaigns} active campaigns{tag}, acknowledged", $"{e.IngestEventsPerSecond:N0} events/s", ingestRatio);
        if (e.SentSeconds is { } s)
        {
            var e2eRatio = b is null ? "" : $"**{e.MatchedEventsPerSecond!.Value / b.IngestEventsPerSecond:F3}×** ingest-only";
            Row($"End to end, {e.Campaigns} campaigns{tag}: first post → all {e.Expected:N0} deliveries `Sent`",
                $"{e.MatchedEventsPerSecond:N0} matched events/s = {e.DeliveriesPerSecond:N0} deliveries/s ({s:F1} s)", e2eRatio);
            Row($"  stages{tag}: events matched / journeys entered / deliveries queued / all sent",
                $"{Opt(e.CaughtUpSeconds)} / {Opt(e.EnteredSeconds)} / {Opt(e.QueuedSeconds)} / {s:F1} s", $"server CPU {e.ServerCpuAtEnd / e.EndSeconds:F2} cores, {e.ServerCpuAtEnd * 1e6 / e.Expected:F0} µs/delivery");
        }
        else
            Row($"End to end, {e.Campaigns} campaigns{tag}", $"INCOMPLETE: {e.Sent:N0}/{e.Expected:N0} sent after {e.EndSeconds:F0} s = {e.Sent / e.EndSeconds:N0} deliveries/s so far", "");
    }
}
return failed ? 1 : 0;

void Row(string a, string b, string c) => Console.WriteLine(string.Create(inv, $"| {a} | {b} | {c} |"));

string Opt(double? s) => s is { } v ? v.ToString("F1", inv) : "–";

static string? FindWebDll()
{
    foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
    {
        var dir = new DirectoryInfo(start);
        for (var i = 0; i < 10 && dir is not null; i++, dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CampaignConsole.sln")))
                return Path.Combine(dir.FullName, "src", "CampaignConsole.Web", "bin", "Release", "net10.0", "CampaignConsole.Web.dll");
        }
    }
    return null;
}
