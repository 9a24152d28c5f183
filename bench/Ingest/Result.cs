using System.Globalization;

namespace CampaignConsole.Bench.Ingest;

internal sealed record Result(int Senders, Stats Baseline, Stats? BodyBaseline, Stats Ingest, long Stored, long Acknowledged, bool Verified)
{
    public const string MarkdownHeader = """
        | date | machine | senders | batch | baseline req/s (empty) | ingest req/s | ingest events/s | events/s ÷ baseline req/s | ingest req/s ÷ baseline req/s | p50 ms | p99 ms | stored = acked |
        |---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|
        """;

    public string MarkdownRow(string date, string machine, BenchOptions o) => string.Create(CultureInfo.InvariantCulture,
        $"| {date} | {machine} | {Senders} | {o.BatchSize} | {Baseline.RequestsPerSecond:F0} | {Ingest.RequestsPerSecond:F0} | {Ingest.EventsPerSecond:F0} | {Ingest.EventsPerSecond / Baseline.RequestsPerSecond:F2} | {Ingest.RequestsPerSecond / Baseline.RequestsPerSecond:P1} | {Ingest.P50Ms:F1} | {Ingest.P99Ms:F1} | {(Verified ? "yes" : "NO")} ({Stored}/{Acknowledged}) |");
}
