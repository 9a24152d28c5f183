using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CampaignConsole.Web.Tests.Engine;

/// <summary>
/// The real app over a real SQLite file of its own, with known keys and no demo data. Engine
/// settings may be overridden per factory. Pass the same <see cref="DatabasePath"/> to a second
/// factory to restart the app over the same data.
/// </summary>
public sealed class EngineFactory : WebApplicationFactory<Program>
{
    public const string WriteKey = "wk_engine_tests";
    public const string SecretKey = "sk_engine_tests_secret";

    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly bool _deleteDatabase;

    public EngineFactory(IReadOnlyDictionary<string, string?>? settings = null, string? databasePath = null, bool deleteDatabaseOnDispose = true)
    {
        DatabasePath = databasePath ?? NewDatabasePath();
        _settings = settings ?? new Dictionary<string, string?>();
        _deleteDatabase = deleteDatabaseOnDispose;
    }

    public string DatabasePath { get; }

    public static string NewDatabasePath() => Path.Combine(Path.GetTempPath(), $"cc-engine-{Guid.NewGuid():N}.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Campaigns", $"Data Source={DatabasePath}");
        builder.UseSetting("Bootstrap:WriteKey", WriteKey);
        builder.UseSetting("Bootstrap:SecretKey", SecretKey);
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Error");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (Environment.GetEnvironmentVariable("ENGINE_TEST_LOG_DIR") is { Length: > 0 } dir)
        {
            Directory.CreateDirectory(dir);
            var file = Path.Combine(dir, Path.GetFileNameWithoutExtension(DatabasePath) + ".log");
            builder.UseSetting("Logging:LogLevel:Default", "Information");
            builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
            builder.ConfigureLogging(l => l.AddProvider(new FileLoggerProvider(file)));
        }
    }

    /// <summary>A client for `/api/v1/*` (secret key as bearer).</summary>
    public HttpClient Api()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SecretKey);
        return client;
    }

    /// <summary>A client for `/v1/*` ingestion (write key as Basic user name, empty password: what Segment's SDKs send).</summary>
    public HttpClient Ingest()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(WriteKey + ":")));
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_deleteDatabase) DeleteDatabase(DatabasePath);
    }

    public static void DeleteDatabase(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            try { File.Delete(file); }
            catch (IOException) { /* best effort: a temp file */ }
        }
    }
}

/// <summary>The HTTP calls the engine tests make, named for what they do.</summary>
public static class EngineHttp
{
    public static async Task EnsureEventTypesAsync(this HttpClient api, params string[] names)
    {
        foreach (var name in names)
        {
            var kind = name.Contains("stock", StringComparison.Ordinal) ? "system" : "customer";
            var r = await api.PostAsJsonAsync("/api/v1/event-types", new { name, kind });
            Assert.True(r.IsSuccessStatusCode, $"event type {name}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Creates and activates a campaign, insisting both succeed.</summary>
    public static async Task CreateActiveCampaignAsync(this HttpClient api, string json)
    {
        var id = JsonNode.Parse(json)!["id"]!.GetValue<string>();
        var created = await api.PostAsync("/api/v1/campaigns", Json(json));
        Assert.True(created.StatusCode == System.Net.HttpStatusCode.Created, $"create {id}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        var activated = await api.PostAsync($"/api/v1/campaigns/{id}/activate", null);
        Assert.True(activated.IsSuccessStatusCode, $"activate {id}: {(int)activated.StatusCode}");
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>POST /v1/batch with the given messages; insists on 200.</summary>
    public static async Task BatchAsync(this HttpClient ingest, params object[] messages)
    {
        var r = await ingest.PostAsJsonAsync("/v1/batch", new { batch = messages });
        Assert.True(r.IsSuccessStatusCode, $"batch: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
    }

    public static object Identify(string userId, object traits, string? messageId = null) =>
        new { type = "identify", messageId = messageId ?? Guid.NewGuid().ToString("N"), userId, traits };

    public static object Track(string userId, string @event, object? properties = null, string? messageId = null) =>
        new { type = "track", messageId = messageId ?? Guid.NewGuid().ToString("N"), userId, @event, properties = properties ?? new { } };

    public static async Task<JsonElement> GetJsonAsync(this HttpClient api, string url)
    {
        var r = await api.GetAsync(url);
        Assert.True(r.IsSuccessStatusCode, $"GET {url}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>The campaign's delivery rows (newest first) from `/api/v1/campaigns/{id}/deliveries`.</summary>
    public static async Task<List<JsonElement>> DeliveriesAsync(this HttpClient api, string campaignId) =>
        (await api.GetJsonAsync($"/api/v1/campaigns/{campaignId}/deliveries?take=500")).GetProperty("items").EnumerateArray().ToList();
}
