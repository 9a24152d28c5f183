// Real-time delivery latency of Campaign Console: event (POST /v1/batch) → in-app `message` received by
// a SignalR client, with N connected users, against the Release-built server on loopback; and, in the
// same run, the raw hub round trip as the baseline. See bench/README.md ("Real-time latency").
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

const string WriteKey = "wk_bench_realtime_0123456789abcdef";
const string SecretKey = "sk_bench_realtime_0123456789abcdef";
const string EventName = "bench_ping";
const string CampaignId = "bench-ping";

var opt = Options.Parse(args);
Console.WriteLine($"realtime bench: {opt.Connections} connections, {opt.Rate} events/s for {opt.Seconds} s in batches of {opt.Batch}, " +
                  $"transport {opt.Transport}, ack {(opt.Ack ? "on" : "off")}, {Environment.ProcessorCount} cores");

var dll = opt.WebDll ?? typeof(Options).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "WebDll").Value!;
if (!File.Exists(dll)) { Console.Error.WriteLine($"{dll} is not built: dotnet build src/CampaignConsole.Web -c Release"); return 2; }

await using var server = await Server.StartAsync(dll, WriteKey, SecretKey);
var connections = new List<HubConnection>();
try
{
    using var http = new HttpClient { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
    using var api = new HttpClient { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
    api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SecretKey);
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(WriteKey + ":")));

    // 1. The campaign: in-app, on bench_ping, every time, outside the global caps; the body carries the send time.
    await Must(api.PostAsJsonAsync("/api/v1/event-types", new { name = EventName, category = "Other", kind = "customer" }), "event type");
    await Must(api.PostAsJsonAsync("/api/v1/campaigns", new
    {
        id = CampaignId,
        name = "Bench ping",
        trigger = new { type = "event", @event = EventName },
        frequency = new { mode = "each-time" },
        stages = new object[] { new { send = new { channel = "in-app", title = "ping {{ Event.seq }}", body = "{{ Event.phase }} {{ Event.sentAt }}" } } },
        respectGlobalCaps = false,
    }), "campaign");
    await Must(api.PostAsync($"/api/v1/campaigns/{CampaignId}/activate", null), "activate");

    // 2. The users exist before the run (identify), so the measured events do not create contacts.
    for (var i = 0; i < opt.Connections; i += 100)
    {
        var batch = Enumerable.Range(i, Math.Min(100, opt.Connections - i)).Select(u => (object)new
        {
            type = "identify", messageId = Guid.NewGuid().ToString(), userId = User(u), traits = new { name = $"Bench {u}" },
        }).ToArray();
        await Must(http.PostAsJsonAsync("/v1/batch", new { batch }), "identify");
    }

    // 3. N connections, one user each (valid userHash), opened 20 at a time.
    var received = new ConcurrentBag<double>();
    var warmReceived = 0;
    var other = 0;
    var sw = Stopwatch.StartNew();
    var failed = 0;
    int[] users;
    string? firstFailure = null;
    using (var gate = new SemaphoreSlim(20))
    {
        var conns = new HubConnection?[opt.Connections];
        await Task.WhenAll(Enumerable.Range(0, opt.Connections).Select(async u =>
        {
            await gate.WaitAsync();
            try
            {
                var user = User(u);
                var c = new HubConnectionBuilder()
                    .WithUrl(new Uri(server.BaseUrl, $"/hubs/messages?writeKey={WriteKey}&userId={user}&userHash={Hash(user)}"), o => o.Transports = opt.Transport)
                    .Build();
                c.ServerTimeout = TimeSpan.FromSeconds(120);
                c.On<JsonElement>("message", m =>
                {
                    var body = m.GetProperty("body").GetString() ?? "";
                    var parts = body.Split(' ');
                    if (parts.Length == 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sent))
                    {
                        var ms = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                        if (parts[0] == "load") received.Add(ms); else Interlocked.Increment(ref warmReceived);
                    }
                    else Interlocked.Increment(ref other);
                    // What the web SDK does with every message it handled.
                    if (opt.Ack) _ = c.SendAsync("Ack", m.GetProperty("id").GetString());
                });
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                await c.StartAsync(cts.Token);
                conns[u] = c;
            }
            catch (Exception ex)
            {
                Interlocked.Increment(ref failed);
                Interlocked.CompareExchange(ref firstFailure, ex.GetType().Name + ": " + ex.Message, null);
            }
            finally
            {
                gate.Release();
            }
        }));
        connections.AddRange(conns.Where(c => c is not null)!);
        // Events go only to users whose connection is open, so every event expects exactly one message.
        users = Enumerable.Range(0, opt.Connections).Where(u => conns[u] is not null).ToArray();
    }
    Console.WriteLine($"connected {connections.Count}/{opt.Connections} in {sw.Elapsed.TotalSeconds:F1} s" + (failed > 0 ? $"; {failed} failed, first: {firstFailure}" : ""));
    if (connections.Count == 0) return 1;
    var live = connections.Count;

    // 4. Baseline: the raw hub round trip at rest (Ack of a non-id returns at once, no database), and GetInbox (two queries).
    var rttIdle = await RoundTripsAsync(connections, opt.RttSamples, c => c.InvokeAsync("Ack", "rtt"));
    var inboxIdle = await RoundTripsAsync(connections, Math.Min(opt.RttSamples, 1000), c => c.InvokeAsync<JsonElement>("GetInbox"));

    // 5. Warm-up (JIT, caches): 2 s at a fifth of the rate, not measured.
    var warm = await SendLoadAsync(http, users, "warm", Math.Max(50, opt.Rate / 5), 2, opt.Batch);
    await WaitForAsync(() => Volatile.Read(ref warmReceived) >= warm.Sent, TimeSpan.FromSeconds(30));

    // 6. The load, with a round-trip sampler alongside it.
    var rttLoad = new ConcurrentBag<double>();
    using var samplerStop = new CancellationTokenSource();
    var sampler = Task.Run(async () =>
    {
        var k = 0;
        while (!samplerStop.IsCancellationRequested && k < 100_000)
        {
            var c = connections[k++ % connections.Count];
            var t = Stopwatch.GetTimestamp();
            try { await c.InvokeAsync("Ack", "rtt"); rttLoad.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds); } catch (Exception) { }
            await Task.Delay(20);
        }
    });
    var loadStart = Stopwatch.GetTimestamp();
    var load = await SendLoadAsync(http, users, "load", opt.Rate, opt.Seconds, opt.Batch);
    var expected = load.Sent;
    var drained = await WaitForAsync(() => received.Count >= expected, TimeSpan.FromSeconds(opt.DrainSeconds));
    var deliverySeconds = Stopwatch.GetElapsedTime(loadStart).TotalSeconds;
    await samplerStop.CancelAsync();
    await sampler;

    // 7. Report.
    var lat = received.ToArray();
    Console.WriteLine();
    Console.WriteLine($"events sent        {load.Sent:N0} in {load.Elapsed.TotalSeconds:F1} s = {load.Sent / load.Elapsed.TotalSeconds:N0}/s " +
                      $"({load.Requests:N0} POST /v1/batch, {load.Errors} errors, batch POST p50 {Pct(load.PostMs, 50):F1} ms, p99 {Pct(load.PostMs, 99):F1} ms)");
    Console.WriteLine($"messages received  {lat.Length:N0} of {expected:N0} expected{(drained ? "" : $" (gave up waiting {opt.DrainSeconds} s after the last send)")}; other {other}; " +
                      $"delivered {lat.Length / deliverySeconds:N0}/s over {deliverySeconds:F1} s from the first send");
    Console.WriteLine();
    Console.WriteLine("                                 p50 ms    p95 ms    p99 ms    max ms   samples");
    Row("event → message (under load)", lat);
    Row("hub round trip, idle (Ack)", rttIdle);
    Row("hub round trip, under load", rttLoad.ToArray());
    Row("GetInbox round trip, idle", inboxIdle);
    Console.WriteLine();
    Console.WriteLine($"ratio event→message / idle round trip:       p50 {Ratio(lat, rttIdle, 50)}  p95 {Ratio(lat, rttIdle, 95)}  p99 {Ratio(lat, rttIdle, 99)}");
    Console.WriteLine($"ratio event→message / round trip under load: p50 {Ratio(lat, rttLoad.ToArray(), 50)}  p95 {Ratio(lat, rttLoad.ToArray(), 95)}  p99 {Ratio(lat, rttLoad.ToArray(), 99)}");
    Console.WriteLine($"server connections still open at the end: {connections.Count(c => c.State == HubConnectionState.Connected)}/{live}");
    return drained ? 0 : 1;
}
catch (Exception ex)
{
    Console.Error.WriteLine(ex);
    Console.Error.WriteLine("--- server log (tail) ---");
    Console.Error.WriteLine(server.LogTail);
    return 1;
}
finally
{
    using var stop = new SemaphoreSlim(50);
    await Task.WhenAll(connections.Select(async c =>
    {
        await stop.WaitAsync();
        try { await c.DisposeAsync(); } catch (Exception) { } finally { stop.Release(); }
    }));
}

static string User(int i) => $"bench-{i}";
static string Hash(string userId) => Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(SecretKey), Encoding.UTF8.GetBytes(userId)));

static async Task Must(Task<HttpResponseMessage> call, string what)
{
    using var r = await call;
    if (!r.IsSuccessStatusCode) throw new InvalidOperationException($"{what}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
}

static async Task<double[]> RoundTripsAsync(List<HubConnection> connections, int samples, Func<HubConnection, Task> call)
{
    var result = new double[samples];
    for (var i = 0; i < samples; i++)
    {
        var t = Stopwatch.GetTimestamp();
        await call(connections[i % connections.Count]);
        result[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
    }
    return result;
}

// Paced sending: batch k leaves at start + k·batch/rate; at most 64 requests in flight (falling behind is reported as a lower rate).
static async Task<LoadResult> SendLoadAsync(HttpClient http, int[] users, string phase, int rate, int seconds, int batchSize)
{
    var total = rate * seconds;
    var batches = (total + batchSize - 1) / batchSize;
    var interval = TimeSpan.FromSeconds((double)batchSize / rate);
    var inFlight = new SemaphoreSlim(64);
    var tasks = new List<Task>(batches);
    var postMs = new ConcurrentBag<double>();
    var errors = 0;
    var seq = 0;
    var start = Stopwatch.GetTimestamp();
    for (var k = 0; k < batches; k++)
    {
        var due = interval * k - Stopwatch.GetElapsedTime(start);
        if (due > TimeSpan.FromMilliseconds(1)) await Task.Delay(due);
        await inFlight.WaitAsync();
        var n = Math.Min(batchSize, total - k * batchSize);
        var sentAt = Stopwatch.GetTimestamp().ToString(CultureInfo.InvariantCulture);
        var batch = new object[n];
        for (var j = 0; j < n; j++)
        {
            var s = seq++;
            batch[j] = new
            {
                type = "track", messageId = Guid.NewGuid().ToString(), userId = User(users[s % users.Length]), @event = EventName,
                properties = new { sentAt, seq = s, phase },
            };
        }
        tasks.Add(Task.Run(async () =>
        {
            var t = Stopwatch.GetTimestamp();
            try
            {
                using var r = await http.PostAsJsonAsync("/v1/batch", new { batch });
                if (!r.IsSuccessStatusCode) Interlocked.Increment(ref errors);
            }
            catch (Exception) { Interlocked.Increment(ref errors); }
            finally
            {
                postMs.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                inFlight.Release();
            }
        }));
    }
    await Task.WhenAll(tasks);
    return new LoadResult(total - errors * batchSize, batches, errors, Stopwatch.GetElapsedTime(start), postMs.ToArray());
}

static async Task<bool> WaitForAsync(Func<bool> done, TimeSpan timeout)
{
    var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
    while (!done())
    {
        if (Stopwatch.GetTimestamp() > deadline) return false;
        await Task.Delay(50);
    }
    return true;
}

static double Pct(double[] xs, double p)
{
    if (xs.Length == 0) return double.NaN;
    var sorted = xs.Order().ToArray();
    var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
    return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
}

static string Ratio(double[] a, double[] b, double p) => $"{Pct(a, p) / Pct(b, p),6:F1}x";

static void Row(string name, double[] xs) =>
    Console.WriteLine($"{name,-30} {Pct(xs, 50),8:F1}  {Pct(xs, 95),8:F1}  {Pct(xs, 99),8:F1}  {(xs.Length == 0 ? double.NaN : xs.Max()),8:F1}  {xs.Length,8:N0}");

internal sealed record LoadResult(int Sent, int Requests, int Errors, TimeSpan Elapsed, double[] PostMs);

internal sealed record Options(int Connections, int Rate, int Seconds, int Batch, int RttSamples, bool Ack, HttpTransportType Transport, string? WebDll, int DrainSeconds)
{
    public static Options Parse(string[] args)
    {
        var d = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Length; i += 2) d[args[i].TrimStart('-')] = args[i + 1];
        int Int(string k, int def, int min, int max) => d.TryGetValue(k, out var v) ? Math.Clamp(int.Parse(v, CultureInfo.InvariantCulture), min, max) : def;
        return new Options(
            Int("connections", 1000, 1, 20_000),
            Int("rate", 1000, 1, 20_000),
            Int("seconds", 10, 1, 120),
            Int("batch", 10, 1, 100),
            Int("rtt-samples", 2000, 10, 100_000),
            !d.TryGetValue("ack", out var ack) || ack != "false",
            d.TryGetValue("transport", out var t) ? Enum.Parse<HttpTransportType>(t, ignoreCase: true) : HttpTransportType.WebSockets,
            d.GetValueOrDefault("web-dll"),
            Int("drain-seconds", 180, 1, 1800));
    }
}

/// <summary>The Release-built Web dll on a free loopback port over a fresh SQLite file; killed on dispose.</summary>
internal sealed class Server : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dir;
    private readonly Queue<string> _tail = new();

    private Server(Process process, Uri baseUrl, string dir) { _process = process; BaseUrl = baseUrl; _dir = dir; }

    public Uri BaseUrl { get; }

    public string LogTail { get { lock (_tail) return string.Join('\n', _tail); } }

    public static async Task<Server> StartAsync(string dll, string writeKey, string secretKey)
    {
        int port;
        using (var l = new TcpListener(IPAddress.Loopback, 0)) { l.Start(); port = ((IPEndPoint)l.LocalEndpoint).Port; }
        var dir = Directory.CreateTempSubdirectory("cc-bench-rt-").FullName;
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add($"http://127.0.0.1:{port}");
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["ConnectionStrings__Campaigns"] = $"Data Source={Path.Combine(dir, "bench.db")}";
        psi.Environment["Bootstrap__WriteKey"] = writeKey;
        psi.Environment["Bootstrap__SecretKey"] = secretKey;
        psi.Environment["Demo__Seed"] = "false";
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = new Process { StartInfo = psi };
        var server = new Server(process, new Uri($"http://127.0.0.1:{port}"), dir);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        for (var i = 0; i < 300; i++)
        {
            if (process.HasExited) throw new InvalidOperationException($"the server exited ({process.ExitCode}):\n{server.LogTail}");
            try
            {
                using var r = await http.GetAsync("/health");
                if (r.StatusCode == HttpStatusCode.OK) { Console.WriteLine($"server pid {process.Id} on {server.BaseUrl}"); return server; }
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        await server.DisposeAsync();
        throw new TimeoutException("the server did not answer /health within 60 s");
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_tail) { _tail.Enqueue(line); while (_tail.Count > 40) _tail.Dequeue(); }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(cts.Token);
            }
        }
        catch (Exception) { }
        _process.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
