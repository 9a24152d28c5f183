using System.Globalization;

namespace CampaignConsole.Bench.Ingest;

internal sealed record Result(int Senders, Stats Baseline, Stats? BodyBaseline, Stats Ingest, long Stored, long Acknowledged, bool Verified)
{
    public const string MarkdownHeader = """
        | date | machine | senders | batch | baseline req/s (empty) | ingest req/s | ingest events/s | events/s ÷ baseline req/s | ingest req/s ÷ baseline req/s | p50 ms | p99 ms | server µs/event | server cores (ingest) | write() KB/event | stored = acked |
        |---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|
        """;

    public string MarkdownRow(string date, string machine, BenchOptions o) => string.Create(CultureInfo.InvariantCulture,
        $"| {date} | {machine} | {Senders} | {o.BatchSize} | {Baseline.RequestsPerSecond:F0} | {Ingest.RequestsPerSecond:F0} | {Ingest.EventsPerSecond:F0} | {Ingest.EventsPerSecond / Baseline.RequestsPerSecond:F2} | {Ingest.RequestsPerSecond / Baseline.RequestsPerSecond:P1} | {Ingest.P50Ms:F1} | {Ingest.P99Ms:F1} | {Ingest.ServerCpuMicrosPerRequest / o.BatchSize:F1} | {Ingest.ServerCores:F2} | {Ingest.ServerIo.WrittenChars / Math.Max(1, Ingest.EventsPerSecond * Ingest.WindowSeconds) / 1024:F1} | {(Verified ? "yes" : "NO")} ({Stored}/{Acknowledged}) |");
}
