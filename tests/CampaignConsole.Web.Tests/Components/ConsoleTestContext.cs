using AngleSharp.Dom;
using Bunit;
using CampaignConsole.Core.Events.Ingest;
using CampaignConsole.Core.Persistence;
using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace CampaignConsole.Web.Tests.Components;

/// <summary>
/// A bUnit context wired like the console: MudBlazor, a logged-in user, and the real Core services
/// over a migrated SQLite file of its own (deleted afterwards).
/// </summary>
internal sealed class ConsoleTestContext : IAsyncDisposable
{
    public static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"cc-bunit-{Guid.NewGuid():N}.db");
    private readonly HashSet<string> _knownTypes = new(StringComparer.Ordinal);

    private ConsoleTestContext() { }

    public BunitContext Bunit { get; } = new();

    public static async Task<ConsoleTestContext> CreateAsync()
    {
        var context = new ConsoleTestContext();
        var ctx = context.Bunit;
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Campaigns"] = $"Data Source={context._path}" })
            .Build();
        ctx.Services.AddSingleton<IConfiguration>(config);
        ctx.Services.AddSingleton(TimeProvider.System);
        ctx.Services.AddLogging();
        ctx.Services.AddCampaignPersistence(config);
        ctx.Services.AddEvents();
        ctx.Services.AddContacts();
        ctx.Services.AddMudServices();
        ctx.AddAuthorization().SetAuthorized("admin");
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        // Last: setting the renderer info builds the service provider, after which nothing can be added.
        ctx.SetRendererInfo(new RendererInfo("Server", true));

        await using var scope = ctx.Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CampaignDbContext>().Database.MigrateAsync();
        // Popovers (selects, date pickers) render into the provider, as the layout has one.
        ctx.Render<MudPopoverProvider>();
        return context;
    }

    /// <summary>Stores messages through the real ingest store, in one transaction.</summary>
    public async Task<List<IngestedEvent>> IngestAsync(params IngestMessage[] messages)
    {
        await using var scope = Bunit.Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CampaignDbContext>();
        await db.Database.OpenConnectionAsync();
        var conn = db.Database.GetDbConnection();
        await using var tx = await conn.BeginTransactionAsync();
        var stored = new List<IngestedEvent>();
        using (var store = new EventBatchStore(conn, tx, _knownTypes, Now))
        {
            foreach (var m in messages)
                stored.Add(await store.WriteAsync(1, m, CancellationToken.None) ?? throw new InvalidOperationException("duplicate " + m.MessageId));
            await store.FlushAsync(CancellationToken.None);
        }
        await tx.CommitAsync();
        return stored;
    }

    public async Task<T> QueryAsync<T>(Func<CampaignDbContext, Task<T>> query)
    {
        await using var scope = Bunit.Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CampaignDbContext>());
    }

    public static IngestMessage Track(string? userId, string name, string properties = "{}", string? anonymousId = null, DateTime? at = null) =>
        new("track", Guid.NewGuid().ToString("N"), userId, anonymousId, name, properties, null, """{"library":"tests"}""", at ?? Now, null, null);

    public static IngestMessage Identify(string userId, string traits, string? timeZone = null, DateTime? at = null) =>
        new("identify", Guid.NewGuid().ToString("N"), userId, null, "identify", traits, traits, null, at ?? Now, null, timeZone);

    /// <summary>The input inside a MudBlazor field marked with <c>data-test</c>.</summary>
    public static IElement Input<T>(IRenderedComponent<T> cut, string dataTest) where T : IComponent
    {
        var marked = cut.Find($"[data-test={dataTest}]");
        return marked.TagName == "INPUT" ? marked : marked.QuerySelector("input") ?? throw new InvalidOperationException($"no input in {dataTest}");
    }

    public async ValueTask DisposeAsync()
    {
        await Bunit.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
            File.Delete(file);
    }
}
