using CampaignConsole.Bench;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CampaignConsole.Bench.Ingest;
using Microsoft.Data.Sqlite;

// Ingest benchmark: starts the Release-built web app on loopback with a fresh SQLite file, measures
// an empty endpoint (baseline) and `/v1/batch` ingestion on the same server, then checks that every
// acknowledged event is stored exactly once. See bench/README.md.

var options = BenchOptions.Parse(args);
if (options is null) return 2;

var webDll = options.WebDll ?? FindWebDll();
if (webDll is null || !File.Exists(webDll))
{
    Console.Error.WriteLine($"Web dll not found ({webDll ?? "no repository root above the working directory"}). Build it first: dotnet build -c Release src/CampaignConsole.Web");
    return 2;
}

var machine = $"{Environment.ProcessorCount} cores";
var date = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
Console.WriteLine($"web: {webDll}");
Console.WriteLine($"machine: {machine}, {RuntimeInfo()}; warm-up {options.WarmupSeconds}s, measure {options.DurationSeconds}s, batch {options.BatchSize}, users {options.Users}");
Console.WriteLine();

var rows = new List<string>();
var failures = 0;
foreach (var senders in options.Senders)
{
    for (var round = 0; round < options.Rounds; round++)
    {
        var result = await RunLevelAsync(webDll, options, senders);
        if (result is null)
        {
            failures++;
            continue;
        }
        rows.Add(result.MarkdownRow(date, machine, options));
        if (!result.Verified) failures++;
    }
}

Console.WriteLine();
Console.WriteLine(Result.MarkdownHeader);
foreach (var r in rows) Console.WriteLine(r);
return failures == 0 ? 0 : 1;

static async Task<Result?> RunLevelAsync(string webDll, BenchOptions options, int senders)
{
    var dir = Path.Combine(options.DbDir ?? Path.GetTempPath(), "cc-bench-" + Guid.NewGuid().ToString("N")[..8]);
    Directory.CreateDirectory(dir);
    var dbPath = Path.Combine(dir, "bench.db");
    var port = FreePort();
    var writeKey = "wk_bench" + Guid.NewGuid().ToString("N");
    var secretKey = "sk_bench" + Guid.NewGuid().ToString("N");
    Console.WriteLine($"== {senders} senders: server on 127.0.0.1:{port}, db {dbPath}");

    using var server = ServerProcess.Start(webDll, port, dbPath, writeKey, secretKey,
        new Dictionary<string, string>(options.ServerEnv) { ["Bench__BaselineEndpoint"] = "true" });
    try
    {
        using var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = senders,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            ConnectTimeout = TimeSpan.FromSeconds(5),
        };
        using var http = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.ExpectContinue = false;
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(writeKey + ":")));

        if (!await server.WaitHealthyAsync(http, TimeSpan.FromSeconds(60)))
        {
            Console.Error.WriteLine("The server did not answer /health within 60 s. Its last output:");
            Console.Error.WriteLine(server.Tail());
            return null;
        }

        // Baseline: the same client, connections and Kestrel pipeline, an endpoint that does nothing.
        var probe = await http.PostAsync(new Uri("/bench/empty", UriKind.Relative), new ByteArrayContent([]));
        if (probe.StatusCode != HttpStatusCode.OK)
        {
            Console.Error.WriteLine($"POST /bench/empty answered {(int)probe.StatusCode}: is BenchApi mapped (Bench__BaselineEndpoint=true)?");
            return null;
        }
        var runId = Guid.NewGuid().ToString("N")[..8];
        var baseline = await LoadRunner.RunAsync(http, senders, options.WarmupSeconds, options.DurationSeconds,
            w => new EmptyRequests(), messagesPerRequest: 0, server.CpuTime, server.Io, () => server.IsAlive);
        Console.WriteLine($"   baseline  POST /bench/empty          {baseline.RequestsPerSecond,10:N0} req/s   p50 {baseline.P50Ms,6:F2} ms  p99 {baseline.P99Ms,6:F2} ms  errors {baseline.Errors}");
        Console.WriteLine(Cpu(baseline, 1));

        Stats? bodyBaseline = null;
        if (options.BodyBaseline)
        {
            bodyBaseline = await LoadRunner.RunAsync(http, senders, options.WarmupSeconds, options.DurationSeconds,
                w => new BatchRequests(runId + "x", w, options.BatchSize, options.Users, "/bench/empty"), messagesPerRequest: 0, server.CpuTime, server.Io, () => server.IsAlive);
            Console.WriteLine($"   baseline  POST /bench/empty + body   {bodyBaseline.RequestsPerSecond,10:N0} req/s   p50 {bodyBaseline.P50Ms,6:F2} ms  p99 {bodyBaseline.P99Ms,6:F2} ms  errors {bodyBaseline.Errors}");
            Console.WriteLine(Cpu(bodyBaseline, 1));
        }

        var ingest = await LoadRunner.RunAsync(http, senders, options.WarmupSeconds, options.DurationSeconds,
            w => new BatchRequests(runId, w, options.BatchSize, options.Users, "/v1/batch"), messagesPerRequest: options.BatchSize, server.CpuTime, server.Io, () => server.IsAlive);
        Console.WriteLine($"   ingest    POST /v1/batch ({options.BatchSize}/req)    {ingest.RequestsPerSecond,10:N0} req/s   p50 {ingest.P50Ms,6:F2} ms  p99 {ingest.P99Ms,6:F2} ms  errors {ingest.Errors}");
        Console.WriteLine(Cpu(ingest, options.BatchSize));
        var events = ingest.EventsPerSecond * ingest.WindowSeconds;
        if (events > 0)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"             server I/O per event: read() {ingest.ServerIo.ReadChars / events / 1024:F1} KB, write() {ingest.ServerIo.WrittenChars / events / 1024:F1} KB, to disk {ingest.ServerIo.DiskWriteBytes / events / 1024:F1} KB"));
        Console.WriteLine($"             {ingest.EventsPerSecond:N0} events/s; ratio events/s ÷ baseline req/s = {ingest.EventsPerSecond / baseline.RequestsPerSecond:F2}; requests/s ÷ baseline req/s = {ingest.RequestsPerSecond / baseline.RequestsPerSecond:P1}");
        if (ingest.FirstError is not null) Console.WriteLine($"             first error: {ingest.FirstError}");

        // Every acknowledged event stored exactly once: messageIds are unique, so the row count must equal
        // the acknowledged messages (requests that failed may or may not have been stored).
        var (stored, distinct) = File.Exists(dbPath) ? CountEvents(dbPath) : (0L, 0L);
        var acked = ingest.AcknowledgedMessages;
        var unsure = ingest.UnacknowledgedMessages;
        // A run with failed requests or a server that died under it is void, whatever the count says.
        var clean = server.IsAlive && baseline.Errors == 0 && ingest.Errors == 0 && (bodyBaseline?.Errors ?? 0) == 0;
        if (!clean)
            Console.WriteLine($"             INVALID RUN: {(server.IsAlive ? "some requests failed" : "the server exited")}. Server output:{Environment.NewLine}{server.Tail()}");
        var verified = clean && stored == distinct && stored >= acked && stored <= acked + unsure;
        Console.WriteLine($"             stored {stored:N0} rows ({distinct:N0} distinct messageIds), acknowledged {acked:N0}, unacknowledged {unsure:N0}: {(verified ? "OK, exactly once" : "MISMATCH")}");
        return new Result(senders, baseline, bodyBaseline, ingest, stored, acked, verified);
    }
    finally
    {
        server.Kill();
        if (!options.KeepDb)
        {
            try { Directory.Delete(dir, recursive: true); }
            catch (IOException) { }
        }
    }
}

static string Cpu(Stats s, int perRequest) => string.Create(CultureInfo.InvariantCulture,
    $"             server CPU {s.ServerCores:F2} cores, {s.ServerCpuMicrosPerRequest:F0} µs/request{(perRequest > 1 ? $" = {s.ServerCpuMicrosPerRequest / perRequest:F1} µs/event" : "")}; client CPU {s.ClientCores:F2} cores");

static (long Rows, long Distinct) CountEvents(string dbPath)
{
    var cs = new SqliteConnectionStringBuilder { DataSource = dbPath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
    using var conn = new SqliteConnection(cs);
    conn.Open();
    using var cmd = conn.CreateCommand();
    cmd.CommandText = """SELECT COUNT(*), COUNT(DISTINCT "SourceId" || ':' || "MessageId") FROM "Events" """;
    using var reader = cmd.ExecuteReader();
    reader.Read();
    return (reader.GetInt64(0), reader.GetInt64(1));
}

static int FreePort()
{
    var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    var port = ((IPEndPoint)listener.LocalEndpoint).Port;
    listener.Stop();
    return port;
}

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

static string RuntimeInfo() =>
    $".NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription.Trim()}";
