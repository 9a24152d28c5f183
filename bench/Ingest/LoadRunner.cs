using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace CampaignConsole.Bench.Ingest;

/// <summary>What one sender posts, request after request (the sender awaits each answer before the next).</summary>
internal interface IRequestSource
{
    Uri Path { get; }
    /// <summary>The next body; valid until the next call.</summary>
    HttpContent Next();
}

internal sealed class EmptyRequests : IRequestSource
{
    public Uri Path { get; } = new("/bench/empty", UriKind.Relative);
    public HttpContent Next() => new ByteArrayContent([]);
}

/// <summary>
/// `/v1/batch` bodies of track messages. A body is built once per sender as a template; each request
/// then only rewrites the fixed-width digits of its messageIds (unique per run) and userIds (drawn
/// from the pool), so the client spends its CPU on sending, not on JSON.
/// </summary>
internal sealed class BatchRequests : IRequestSource
{
    private const int SeqDigits = 10, UserDigits = 5;
    private static readonly string[] EventNames =
        ["product_viewed", "add_to_cart", "checkout_started", "purchase", "search", "wishlist_added", "coupon_applied", "page_scrolled"];
    private static readonly string[] Categories = ["shoes", "outerwear", "accessories", "kitchen", "garden", "books", "toys", "audio"];

    private readonly byte[] _body;
    private readonly int[] _seqAt, _userAt;
    private readonly Random _random;
    private readonly int _users;
    private long _seq;

    public BatchRequests(string runId, int sender, int batchSize, int users, string path)
    {
        Path = new Uri(path, UriKind.Relative);
        _users = users;
        _random = new Random(sender * 7919 + 17);
        var sb = new StringBuilder(batchSize * 560);
        var seqAt = new List<int>(batchSize);
        var userAt = new List<int>(batchSize);
        sb.Append("{\"batch\":[");
        for (var i = 0; i < batchSize; i++)
        {
            if (i > 0) sb.Append(',');
            var n = sender * batchSize + i;
            sb.Append("{\"type\":\"track\",\"messageId\":\"").Append(runId).Append('-').Append(sender.ToString("D4", System.Globalization.CultureInfo.InvariantCulture))
                .Append('-').Append(i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)).Append('-');
            seqAt.Add(sb.Length);
            sb.Append('0', SeqDigits).Append("\",\"userId\":\"user-");
            userAt.Add(sb.Length);
            sb.Append('0', UserDigits).Append("\",\"event\":\"").Append(EventNames[n % EventNames.Length]).Append('"');
            // ~300 bytes of properties, a typical e-commerce event.
            sb.Append(",\"properties\":{\"sku\":\"SKU-").Append((n * 37 % 100_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture))
                .Append("\",\"name\":\"Lightweight running shoe, breathable mesh upper\",\"price\":").Append(10 + n % 190).Append(".99")
                .Append(",\"currency\":\"EUR\",\"category\":\"").Append(Categories[n % Categories.Length])
                .Append("\",\"quantity\":").Append(1 + n % 4)
                .Append(",\"url\":\"https://shop.example.com/products/").Append(n % 5000).Append("?utm_source=newsletter&utm_medium=email\"")
                .Append(",\"in_stock\":true,\"tags\":[\"sale\",\"summer\",\"new\"],\"coupon\":null}");
            sb.Append(",\"context\":{\"library\":{\"name\":\"analytics-bench\",\"version\":\"1.0.0\"}}");
            sb.Append(",\"timestamp\":\"2026-01-15T10:00:00.000Z\"}");
        }
        sb.Append("]}");
        _body = Encoding.ASCII.GetBytes(sb.ToString()); // all ASCII: char offsets are byte offsets
        _seqAt = [.. seqAt];
        _userAt = [.. userAt];
    }

    public Uri Path { get; }
    public int BodyBytes => _body.Length;

    public HttpContent Next()
    {
        var seq = _seq++;
        for (var i = 0; i < _seqAt.Length; i++)
        {
            Digits(_body.AsSpan(_seqAt[i], SeqDigits), seq);
            Digits(_body.AsSpan(_userAt[i], UserDigits), _random.Next(_users));
        }
        var content = new ByteArrayContent(_body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static void Digits(Span<byte> into, long value)
    {
        for (var i = into.Length - 1; i >= 0; i--)
        {
            into[i] = (byte)('0' + (int)(value % 10));
            value /= 10;
        }
    }
}

internal sealed record Stats(
    double RequestsPerSecond,
    double EventsPerSecond,
    double P50Ms,
    double P99Ms,
    double MaxMs,
    long Errors,
    long AcknowledgedMessages,
    long UnacknowledgedMessages,
    string? FirstError,
    double ServerCpuSeconds,
    double ClientCpuSeconds,
    double WindowSeconds,
    IoCounters ServerIo)
{
    /// <summary>Cores the server kept busy during the window (2 = both cores of the machine).</summary>
    public double ServerCores => ServerCpuSeconds / WindowSeconds;
    public double ClientCores => ClientCpuSeconds / WindowSeconds;
    /// <summary>Server CPU per request, in microseconds: insensitive to other load on a shared machine.</summary>
    public double ServerCpuMicrosPerRequest => ServerCpuSeconds * 1e6 / (RequestsPerSecond * WindowSeconds);
}

/// <summary>
/// Closed-loop load: each sender posts, awaits the answer, posts again, for warm-up + duration seconds.
/// Requests completing inside the measured window count towards rates and latencies; every 200 counts
/// towards the acknowledged total used by the exactly-once check.
/// </summary>
internal static class LoadRunner
{
    private const long MaxRequestsPerSender = 10_000_000; // a bound, far above any real run

    public static async Task<Stats> RunAsync(HttpClient http, int senders, int warmupSeconds, int durationSeconds,
        Func<int, IRequestSource> source, int messagesPerRequest, Func<TimeSpan> serverCpu, Func<IoCounters> serverIo, Func<bool> serverAlive)
    {
        var sources = Enumerable.Range(0, senders).Select(source).ToArray();
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)warmupSeconds * Stopwatch.Frequency;
        var measureTo = measureFrom + (long)durationSeconds * Stopwatch.Frequency;
        var cpu = Task.Run(() => SampleCpuAsync(measureFrom, measureTo, serverCpu, serverIo));
        var results = await Task.WhenAll(sources.Select(s => Task.Run(() => SenderAsync(http, s, measureFrom, measureTo, serverAlive))));
        var (serverCpuSeconds, clientCpuSeconds, window, io) = await cpu;

        var latencies = results.SelectMany(r => r.Latencies).ToArray();
        Array.Sort(latencies);
        var measured = latencies.Length;
        var seconds = (double)durationSeconds;
        double Pct(double p) => measured == 0 ? double.NaN : TicksToMs(latencies[Math.Min(measured - 1, (int)Math.Ceiling(p * measured) - 1)]);
        return new Stats(
            measured / seconds,
            measured * (double)messagesPerRequest / seconds,
            Pct(0.50), Pct(0.99), measured == 0 ? double.NaN : TicksToMs(latencies[^1]),
            results.Sum(r => r.Errors),
            results.Sum(r => r.Acknowledged) * (long)messagesPerRequest,
            results.Sum(r => r.Errors) * (long)messagesPerRequest,
            results.Select(r => r.FirstError).FirstOrDefault(e => e is not null),
            serverCpuSeconds, clientCpuSeconds, window, io);
    }

    /// <summary>CPU time used by the server and by this client between the window's start and end.</summary>
    private static async Task<(double Server, double Client, double Window, IoCounters Io)> SampleCpuAsync(long from, long to,
        Func<TimeSpan> serverCpu, Func<IoCounters> serverIo)
    {
        await Task.Delay(Until(from));
        using var self = Process.GetCurrentProcess();
        var t0 = Stopwatch.GetTimestamp();
        var s0 = serverCpu();
        var io0 = serverIo();
        var c0 = self.TotalProcessorTime;
        await Task.Delay(Until(to));
        self.Refresh();
        var s1 = serverCpu();
        var io1 = serverIo();
        var c1 = self.TotalProcessorTime;
        return ((s1 - s0).TotalSeconds, (c1 - c0).TotalSeconds, Stopwatch.GetElapsedTime(t0).TotalSeconds, io1 - io0);
    }

    private static TimeSpan Until(long timestamp)
    {
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    private static double TicksToMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private sealed record SenderResult(List<long> Latencies, long Acknowledged, long Errors, string? FirstError);

    private static async Task<SenderResult> SenderAsync(HttpClient http, IRequestSource source, long measureFrom, long measureTo,
        Func<bool> serverAlive)
    {
        var latencies = new List<long>(4096);
        long acknowledged = 0, errors = 0;
        string? firstError = null;
        for (long n = 0; n < MaxRequestsPerSender; n++)
        {
            var t0 = Stopwatch.GetTimestamp();
            if (t0 >= measureTo) break;
            var ok = false;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, source.Path) { Content = source.Next() };
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                ok = response.StatusCode == HttpStatusCode.OK;
                if (!ok && firstError is null)
                    firstError = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                firstError ??= ex.GetType().Name + ": " + ex.Message;
                if (!serverAlive())
                {
                    errors++;
                    break; // the run is void; no point hammering a closed port
                }
            }
            var t1 = Stopwatch.GetTimestamp();
            if (ok) acknowledged++;
            else errors++;
            if (ok && t1 >= measureFrom && t1 < measureTo) latencies.Add(t1 - t0);
        }
        return new SenderResult(latencies, acknowledged, errors, firstError);
    }
}
