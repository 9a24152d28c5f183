using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace CampaignConsole.Web.Tests.Infrastructure;

/// <summary>
/// The real app over a SQLite file of its own, started with known keys and login (Bootstrap:*),
/// without demo data unless asked. Shared per test collection: starting the host is the slow part,
/// so tests keep apart by using their own ids rather than a fresh database.
/// </summary>
public class CampaignApiFactory : WebApplicationFactory<Program>
{
    public const string WriteKey = "wk_test_0123456789abcdef";
    public const string SecretKey = "sk_test_0123456789abcdef";
    public const string AdminEmail = "admin@tests.example";
    public const string AdminPassword = "Test-Password-1";

    private readonly bool _seedDemo;

    public CampaignApiFactory() : this(seedDemo: false) { }

    /// <param name="seedDemo">Start with the demo shop's customers and events (Demo:Seed), as a fresh SQLite install does.</param>
    protected CampaignApiFactory(bool seedDemo)
    {
        _seedDemo = seedDemo;
        DatabasePath = Path.Combine(Path.GetTempPath(), $"cc-web-{Guid.NewGuid():N}.db");
    }

    public string DatabasePath { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Campaigns", $"Data Source={DatabasePath}");
        builder.UseSetting("Bootstrap:WriteKey", WriteKey);
        builder.UseSetting("Bootstrap:SecretKey", SecretKey);
        builder.UseSetting("Bootstrap:AdminEmail", AdminEmail);
        builder.UseSetting("Bootstrap:AdminPassword", AdminPassword);
        builder.UseSetting("Demo:Seed", _seedDemo ? "true" : "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning");
    }

    /// <summary>A client without credentials that does not follow redirects (so tests can see them).</summary>
    public HttpClient CreateAnonymousClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Ingestion as Segment's SDKs send it: the write key as Basic user name, empty password.</summary>
    public HttpClient CreateWriteKeyClient(string key = WriteKey)
    {
        var client = CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(key + ":")));
        return client;
    }

    /// <summary>The backend API: <c>Authorization: Bearer &lt;secret key&gt;</c>.</summary>
    public HttpClient CreateSecretKeyClient(string key = SecretKey)
    {
        var client = CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm" })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // A file still held open is left to the temp folder's cleaning; it never fails a test run.
            }
        }
    }
}

/// <summary>The app as a newcomer first sees it: demo data seeded.</summary>
public sealed class DemoCampaignApiFactory() : CampaignApiFactory(seedDemo: true);

/// <summary>API tests share one started app (see <see cref="CampaignApiFactory"/>).</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<CampaignApiFactory>
{
    public const string Name = "api";
}
