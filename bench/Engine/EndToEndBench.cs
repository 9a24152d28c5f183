using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Microsoft.Data.Sqlite;

namespace CampaignConsole.Bench.Engine;

/// <summary>One end-to-end phase: a fresh server and database, C active campaigns on <c>bench_event</c>, K events posted.</summary>
internal sealed record E2eResult(
    int Campaigns, int Events, int Senders, int BatchSize,
    double IngestSeconds, int Errors, string? FirstError,
    double? CaughtUpSeconds, double? EnteredSeconds, double? QueuedSeconds, double? SentSeconds,
    long Expected, long Sent, IReadOnlyDictionary<string, long> DeliveriesByStatus,
    double ServerCpuAtAck, double ServerCpuAtEnd, double EndSeconds, int ServerLogLines)
{
    public double IngestEventsPerSecond => Events / IngestSeconds;
    public bool Complete => Campaigns == 0 ? CaughtUpSeconds is not null : SentSeconds is not null;
    /// <summary>Events whose every delivery is sent, per second, from the first post to the last delivery.</summary>
    public double? MatchedEventsPerSecond => SentSeconds is { } s ? Events / s : null;
    public double? DeliveriesPerSecond => SentSeconds is { } s ? Expected / s : null;
}

internal static class EndToEndBench
{
    public static async Task<E2eResult?> RunPhaseAsync(string webDll, EngineBenchOptions o, int campaigns, CancellationToken ct)
    {
        var dir = Path.Combine(o.DbDir ?? Path.GetTempPath(), "cc-ebench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var dbPath = Path.Combine(dir, "bench.db");
        var port = FreePort();
        var writeKey = "wk_bench" + Guid.NewGuid().ToString("N");
        var secretKey = "sk_bench" + Guid.NewGuid().ToString("N");
        var runId = Guid.NewGuid().ToString("N")[..8];
        var events = campaigns == 0 ? o.IngestEvents : o.Events;
        Console.WriteLine($"== Part 2 (end to end), {campaigns} active campaign(s): server on 127.0.0.1:{port}, db {dbPath}");

        // The global daily cap would suppress most of a bench user's messages.
        using var server = ServerProcess.Start(webDll, port, dbPath, writeKey, secretKey,
            new Dictionary<string, string> { ["Engine__GlobalDailyCap"] = "0" });
        try
        {
            using var handler = new SocketsHttpHandler
            {
                UseProxy = false,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.None,
                MaxConnectionsPerServer = Math.Max(o.Senders, 2),
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
                ConnectTimeout = TimeSpan.FromSeconds(5),
            };
            using var ingest = new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
            ingest.DefaultRequestHeaders.ExpectContinue = false;
            ingest.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes(writeKey + ":")));
            using var api = new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secretKey);

            if (!await server.WaitHealthyAsync(ingest, TimeSpan.FromSeconds(90)))
            {
                Console.Error.WriteLine("The server did not answer /health within 90 s. Its last output:");
                Console.Error.WriteLine(server.Tail());
                return null;
            }

            await PostJsonAsync(api, "/api/v1/event-types", """{"name":"bench_event","category":"Other","kind":"customer"}""", ct);
            for (var c = 0; c < campaigns; c++)
            {
                await PostJsonAsync(api, "/api/v1/campaigns", Definition(c), ct);
                await PostJsonAsync(api, $"/api/v1/campaigns/bench-{c}/activate", "", ct);
            }

            // Identify the user pool, then let the engine catch up, so the measured window holds only bench_event.
            for (var first = 0; first < o.Users; first += o.BatchSize)
                await PostBatchAsync(ingest, IdentifyBatch(runId, first, Math.Min(o.BatchSize, o.Users - first)), ct);
            var caughtUp = await WaitCaughtUpAsync(dbPath, TimeSpan.FromSeconds(60), ct);
            Console.WriteLine($"   {campaigns} campaign(s) active, {o.Users} users identified; engine caught up: {caughtUp}");

            // Bodies built before the clock starts: the client spends its CPU on sending, not on JSON.
            var bodies = new List<byte[]>();
            for (var first = 0; first < events; first += o.BatchSize)
                bodies.Add(TrackBatch(runId, first, Math.Min(o.BatchSize, events - first), o.Users));

            var cpu0 = server.CpuTime();
            var clock = Stopwatch.StartNew();
            var next = -1;
            var errors = 0;
            string? firstError = null;
            var senders = Enumerable.Range(0, o.Senders).Select(_ => Task.Run(async () =>
            {
                for (var i = Interlocked.Increment(ref next); i < bodies.Count; i = Interlocked.Increment(ref next))
                {
                    try
                    {
                        using var content = new ByteArrayContent(bodies[i]);
                        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                        using var r = await ingest.PostAsync(new Uri("/v1/batch", UriKind.Relative), content, ct);
                        if (r.StatusCode != HttpStatusCode.OK)
                        {
                            Interlocked.Increment(ref errors);
                            firstError ??= $"{(int)r.StatusCode}: {await r.Content.ReadAsStringAsync(ct)}";
                        }
                    }
                    catch (HttpRequestException ex)
                    {
                        Interlocked.Increment(ref errors);
                        firstError ??= ex.Message;
                    }
                }
            }, ct)).ToList();
            await Task.WhenAll(senders);
            var ingestSeconds = clock.Elapsed.TotalSeconds;
            var cpuAck = (server.CpuTime() - cpu0).TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"   ingest: {events:N0} events acknowledged in {ingestSeconds:F2} s = {events / ingestSeconds:N0} events/s ({o.Senders} senders, {o.BatchSize}/batch), errors {errors}"));

            // Engine: poll the file read-only until every delivery is sent (or the time limit).
            var expected = (long)campaigns * events;
            double? caught = null, entered = null, queued = null, sent = null;
            var lastPrint = TimeSpan.Zero;
            Counts counts = default;
            var deadline = TimeSpan.FromSeconds(ingestSeconds + o.MaxWaitSeconds);
            while (server.IsAlive && clock.Elapsed < deadline)
            {
                counts = ReadCounts(dbPath);
                var t = clock.Elapsed.TotalSeconds;
                if (caught is null && counts.Cursor >= counts.MaxEventId) caught = t;
                if (entered is null && counts.Journeys >= expected) entered = t;
                if (queued is null && counts.Deliveries >= expected) queued = t;
                if (sent is null && counts.Sent >= expected) sent = t;
                if (caught is not null && (campaigns == 0 || sent is not null)) break;
                if (clock.Elapsed - lastPrint >= TimeSpan.FromSeconds(10))
                {
                    lastPrint = clock.Elapsed;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"   t={t,6:F1}s  events matched {counts.Cursor - counts.FirstBenchEventId + 1,8:N0}/{events:N0}  journeys {counts.Journeys,8:N0}  deliveries {counts.Deliveries,8:N0}  sent {counts.Sent,8:N0}/{expected:N0}  server CPU {(server.CpuTime() - cpu0).TotalSeconds / t:F2} cores"));
                }
                await Task.Delay(250, ct);
            }
            var end = clock.Elapsed.TotalSeconds;
            var cpuEnd = (server.CpuTime() - cpu0).TotalSeconds;
            var byStatus = DeliveriesByStatus(dbPath);
            if (!server.IsAlive) Console.WriteLine("   THE SERVER EXITED. Its last output:" + Environment.NewLine + server.Tail());
            if (server.LoggedLines > 0) Console.WriteLine($"   server logged {server.LoggedLines} line(s) at warning or above; last:{Environment.NewLine}{server.Tail()}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"   engine: caught up {Fmt(caught)}, all journeys {Fmt(entered)}, all deliveries queued {Fmt(queued)}, all sent {Fmt(sent)}; sent {counts.Sent:N0}/{expected:N0}; deliveries by status: {string.Join(", ", byStatus.Select(kv => $"{kv.Key} {kv.Value:N0}"))}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"   server CPU: {cpuAck:F1} s during ingest ({cpuAck / ingestSeconds:F2} cores), {cpuEnd:F1} s to the end ({cpuEnd / end:F2} cores){(expected > 0 ? $", {cpuEnd * 1e6 / expected:F0} µs per delivery" : $", {cpuEnd * 1e6 / events:F0} µs per event")}"));
            Console.WriteLine();
            return new E2eResult(campaigns, events, o.Senders, o.BatchSize, ingestSeconds, errors, firstError, caught, entered, queued, sent,
                expected, counts.Sent, byStatus, cpuAck, cpuEnd, end, server.LoggedLines);
        }
        finally
        {
            server.Kill();
            SqliteConnection.ClearAllPools();
            if (!o.KeepDb)
            {
                try { Directory.Delete(dir, recursive: true); }
                catch (IOException) { }
            }
        }
    }

    private static string Fmt(double? seconds) => seconds is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s:F1} s") : "not reached";

    private static string Definition(int c) => $$$"""
        {"id":"bench-{{{c}}}","name":"Bench {{{c}}}",
         "trigger":{"type":"event","event":"bench_event"},
         "frequency":{"mode":"each-time"},
         "stages":[{"send":{"channel":"in-app","title":"Hello {{ Profile.name | default: 'there' }}","body":"You looked at {{ Event.sku }}"}}],
         "respectGlobalCaps":false}
        """;

    private static byte[] IdentifyBatch(string runId, int first, int count)
    {
        var sb = new StringBuilder("{\"batch\":[");
        for (var u = first; u < first + count; u++)
        {
            if (u > first) sb.Append(',');
            sb.Append(CultureInfo.InvariantCulture, $$$"""{"type":"identify","messageId":"{{{runId}}}-id-{{{u}}}","userId":"user-{{{u:D5}}}","traits":{"name":"User {{{u}}}","plan":"gold"}}""");
        }
        return Encoding.UTF8.GetBytes(sb.Append("]}").ToString());
    }

    private static byte[] TrackBatch(string runId, int first, int count, int users)
    {
        var sb = new StringBuilder("{\"batch\":[");
        for (var n = first; n < first + count; n++)
        {
            if (n > first) sb.Append(',');
            var user = (int)((uint)(n * 2654435761L) % (uint)users);
            sb.Append(CultureInfo.InvariantCulture,
                $$"""{"type":"track","messageId":"{{runId}}-ev-{{n}}","userId":"user-{{user:D5}}","event":"bench_event","properties":{"sku":"SKU-{{n % 5000:D6}}","price":{{10 + n % 190}}.99,"currency":"EUR"},"timestamp":"{{DateTime.UtcNow:O}}"}""");
        }
        return Encoding.UTF8.GetBytes(sb.Append("]}").ToString());
    }

    private static async Task PostJsonAsync(HttpClient http, string path, string json, CancellationToken ct)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var r = await http.PostAsync(new Uri(path, UriKind.Relative), content, ct);
        if (!r.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST {path} answered {(int)r.StatusCode}: {await r.Content.ReadAsStringAsync(ct)}");
    }

    private static async Task PostBatchAsync(HttpClient http, byte[] body, CancellationToken ct)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var r = await http.PostAsync(new Uri("/v1/batch", UriKind.Relative), content, ct);
        if (r.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"POST /v1/batch answered {(int)r.StatusCode}: {await r.Content.ReadAsStringAsync(ct)}");
    }

    private static async Task<bool> WaitCaughtUpAsync(string dbPath, TimeSpan limit, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < limit)
        {
            var c = ReadCounts(dbPath);
            if (c.MaxEventId > 0 && c.Cursor >= c.MaxEventId) return true;
            await Task.Delay(200, ct);
        }
        return false;
    }

    private readonly record struct Counts(long Cursor, long MaxEventId, long FirstBenchEventId, long Journeys, long Deliveries, long Sent);

    private static SqliteConnection Open(string dbPath)
    {
        var cs = new SqliteConnectionStringBuilder { DataSource = dbPath, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30 }.ToString();
        var conn = new SqliteConnection(cs);
        conn.Open();
        return conn;
    }

    private static Counts ReadCounts(string dbPath)
    {
        try
        {
            using var conn = Open(dbPath);
            using var cmd = conn.CreateCommand();
            cmd.CommandText = """
                SELECT
                  COALESCE((SELECT "Position" FROM "EngineCursors" WHERE "Name" = 'matcher'), -1),
                  COALESCE((SELECT MAX("Id") FROM "Events"), 0),
                  COALESCE((SELECT MIN("Id") FROM "Events" WHERE "Name" = 'bench_event'), 0),
                  (SELECT COUNT(*) FROM "Journeys"),
                  (SELECT COUNT(*) FROM "Deliveries"),
                  (SELECT COUNT(*) FROM "Deliveries" WHERE "Status" = 'Sent')
                """;
            using var r = cmd.ExecuteReader();
            r.Read();
            return new Counts(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5));
        }
        catch (SqliteException)
        {
            return new Counts(-1, 1, 0, 0, 0, 0); // not migrated yet, or busy: try again at the next poll
        }
    }

    private static Dictionary<string, long> DeliveriesByStatus(string dbPath)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        try
        {
            using var conn = Open(dbPath);
            using var cmd = conn.CreateCommand();
            cmd.CommandText = """SELECT "Status", COUNT(*) FROM "Deliveries" GROUP BY "Status" ORDER BY "Status" """;
            using var r = cmd.ExecuteReader();
            while (r.Read()) result[r.GetString(0)] = r.GetInt64(1);
        }
        catch (SqliteException) { }
        return result;
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
