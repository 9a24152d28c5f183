using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace CampaignConsole.E2E.Tests;

/// <summary>
/// The built CampaignConsole.Web.dll run as a real process: a free port, a temporary SQLite file,
/// known keys and admin login. Builds nothing itself (building this project builds the server).
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    public const string WriteKey = "wk_e2e_write_0123456789abcdef";
    public const string SecretKey = "sk_e2e_secret_0123456789abcdef";
    public const string AdminEmail = "admin@e2e.test";
    public const string AdminPassword = "E2e-Passw0rd!";

    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly string _dataDir;

    public Uri BaseUrl { get; }

    private ServerProcess(Process process, Uri baseUrl, string dataDir)
    {
        _process = process;
        BaseUrl = baseUrl;
        _dataDir = dataDir;
    }

    /// <summary>Everything the server printed so far (for failure messages).</summary>
    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    public static string LocateWebDll()
    {
        var fromEnv = Environment.GetEnvironmentVariable("CC_WEB_DLL");
        var path = !string.IsNullOrEmpty(fromEnv) ? fromEnv
            : typeof(ServerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "WebDll").Value!;
        if (!File.Exists(path))
            throw new InvalidOperationException($"The server under test is not built: {path} does not exist. Build tests/CampaignConsole.E2E.Tests (it builds the Web project) or set CC_WEB_DLL.");
        return path;
    }

    public static async Task<ServerProcess> StartAsync(bool demoSeed = false)
    {
        var dll = LocateWebDll();
        var port = FreePort();
        var baseUrl = new Uri($"http://127.0.0.1:{port}");
        var dataDir = Directory.CreateTempSubdirectory("cc-e2e-").FullName;

        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add(baseUrl.ToString().TrimEnd('/'));
        // Development: static web assets (_framework, _content/MudBlazor) are served from the build output.
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        psi.Environment["ConnectionStrings__Campaigns"] = $"Data Source={Path.Combine(dataDir, "campaigns.db")}";
        psi.Environment["Bootstrap__WriteKey"] = WriteKey;
        psi.Environment["Bootstrap__SecretKey"] = SecretKey;
        psi.Environment["Bootstrap__AdminEmail"] = AdminEmail;
        psi.Environment["Bootstrap__AdminPassword"] = AdminPassword;
        psi.Environment["Demo__Seed"] = demoSeed ? "true" : "false";

        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var server = new ServerProcess(process, baseUrl, dataDir);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await server.WaitForHealthAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }

    private async Task WaitForHealthAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode} before /health answered.\n{Log}");
            try
            {
                using var response = await http.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The server did not answer 200 on {BaseUrl}health within {timeout.TotalSeconds} s.\n{Log}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
        catch (InvalidOperationException)
        {
        }
        catch (OperationCanceledException)
        {
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
