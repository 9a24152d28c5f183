using System.Diagnostics;
using System.Net;

namespace CampaignConsole.Bench;

/// <summary>
/// The web app as a child process on loopback, shared by the benchmarks (linked into each project).
/// Killed (with its tree) on Kill, Dispose, Ctrl+C or exit.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private readonly EventHandler _onExit;

    private ServerProcess(Process process)
    {
        _process = process;
        _onExit = (_, _) => Kill();
        AppDomain.CurrentDomain.ProcessExit += _onExit;
        Console.CancelKeyPress += OnCancel;
    }

    public static ServerProcess Start(string webDll, int port, string dbPath, string writeKey, string secretKey,
        IReadOnlyDictionary<string, string> extraEnv)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(webDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(webDll);
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add($"http://127.0.0.1:{port}");
        var env = psi.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["DOTNET_ENVIRONMENT"] = "Production";
        env["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        env["ConnectionStrings__Campaigns"] = $"Data Source={dbPath}";
        env["Bootstrap__WriteKey"] = writeKey;
        env["Bootstrap__SecretKey"] = secretKey;
        env["Demo__Seed"] = "false";
        env["Logging__LogLevel__Default"] = "Warning";
        env["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning";
        env["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "Warning";
        foreach (var (k, v) in extraEnv) env[k] = v;

        var process = Process.Start(psi) ?? throw new InvalidOperationException("dotnet did not start");
        var server = new ServerProcess(process);
        process.OutputDataReceived += (_, e) => server.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => server.Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    public async Task<bool> WaitHealthyAsync(HttpClient http, TimeSpan limit)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < limit)
        {
            if (_process.HasExited) return false;
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                using var r = await http.GetAsync(new Uri("/health", UriKind.Relative), cts.Token);
                if (r.StatusCode == HttpStatusCode.OK) return true;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        return false;
    }

    /// <summary>User + system CPU time the server has used so far.</summary>
    public TimeSpan CpuTime()
    {
        try
        {
            _process.Refresh();
            return _process.HasExited ? TimeSpan.Zero : _process.TotalProcessorTime;
        }
        catch (InvalidOperationException) { return TimeSpan.Zero; }
    }

    /// <summary>Bytes the server has read and written through syscalls (rchar, wchar) and to the disk (write_bytes), from /proc.</summary>
    public IoCounters Io()
    {
        long Get(string[] lines, string key) =>
            lines.FirstOrDefault(l => l.StartsWith(key + ":", StringComparison.Ordinal)) is { } l ? long.Parse(l[(key.Length + 1)..].Trim(), System.Globalization.CultureInfo.InvariantCulture) : 0;
        try
        {
            var lines = File.ReadAllLines($"/proc/{_process.Id}/io");
            return new IoCounters(Get(lines, "rchar"), Get(lines, "wchar"), Get(lines, "write_bytes"));
        }
        catch (IOException) { return default; }
        catch (UnauthorizedAccessException) { return default; }
    }

    public bool IsAlive
    {
        get
        {
            try { return !_process.HasExited; }
            catch (InvalidOperationException) { return false; }
        }
    }

    public string Tail()
    {
        lock (_tail) return string.Join(Environment.NewLine, _tail);
    }

    /// <summary>Server log lines seen so far (the server logs at Warning, so these are warnings and errors).</summary>
    public int LoggedLines { get; private set; }

    private void Remember(string? line)
    {
        if (line is null) return;
        lock (_tail)
        {
            LoggedLines++;
            _tail.Enqueue(line);
            while (_tail.Count > 50) _tail.Dequeue();
        }
    }

    private void OnCancel(object? sender, ConsoleCancelEventArgs e) => Kill();

    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException) { }
        catch (System.ComponentModel.Win32Exception) { }
    }

    public void Dispose()
    {
        Kill();
        AppDomain.CurrentDomain.ProcessExit -= _onExit;
        Console.CancelKeyPress -= OnCancel;
        _process.Dispose();
    }
}

internal readonly record struct IoCounters(long ReadChars, long WrittenChars, long DiskWriteBytes)
{
    public static IoCounters operator -(IoCounters a, IoCounters b) =>
        new(a.ReadChars - b.ReadChars, a.WrittenChars - b.WrittenChars, a.DiskWriteBytes - b.DiskWriteBytes);
}
