using System.Text.Json;
using Bunit;
using CampaignConsole.Core.Campaigns;
using CampaignConsole.Core.Common;
using CampaignConsole.Core.Contacts;
using CampaignConsole.Core.Delivery;
using CampaignConsole.Core.Events;
using CampaignConsole.Core.Persistence;
using CampaignConsole.Web.Hubs;
using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;

namespace CampaignConsole.Web.Tests.Components;

/// <summary>
/// A bUnit context for the engine's console pages: a real, migrated SQLite file with every Core service (hosted services
/// registered but never started), signed in as "admin".
/// </summary>
public sealed class EngineConsoleTestContext : BunitContext
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "cc-bunit-" + Guid.NewGuid().ToString("N"));

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));

    private EngineConsoleTestContext()
    {
        Directory.CreateDirectory(_dir);
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Campaigns"] = $"Data Source={Path.Combine(_dir, "campaigns.db")}",
        }).Build();
        Services.AddSingleton<IConfiguration>(config);
        Services.AddSingleton<TimeProvider>(Clock);
        Services.AddLogging();
        Services.AddCampaignPersistence(config);
        Services.AddEvents();
        Services.AddContacts();
        Services.AddCampaigns();
        Services.AddSources();
        Services.AddSingleton<ConnectionTracker>();
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        this.AddAuthorization().SetAuthorized("admin");
    }

    public static async Task<EngineConsoleTestContext> CreateAsync()
    {
        var ctx = new EngineConsoleTestContext();
        await ctx.WithAsync<CampaignDbContext>(db => db.Database.MigrateAsync());
        await ctx.WithAsync<EventTypeService>(async s =>
        {
            foreach (var name in new[] { "add_to_cart", "purchase" })
                await s.SaveAsync(new SaveEventType(name, null, EventKind.Customer, null), CancellationToken.None);
        });
        return ctx;
    }

    public async Task WithAsync<TService>(Func<TService, Task> use) where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        await use(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public async Task<T> WithAsync<TService, T>(Func<TService, Task<T>> use) where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public async Task<CampaignRow> SeedCampaignAsync(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement.Clone();
        var result = await WithAsync<CampaignService, Result<CampaignRow>>(s => s.SaveAsync(root, true, null, CancellationToken.None));
        Assert.True(result.IsOk, string.Join("; ", result.Errors?.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}") ?? []));
        return result.Value!;
    }

    public Task<long> SeedContactAsync(string userId) => WithAsync<CampaignDbContext, long>(async db =>
    {
        var contact = Contact.Create(userId, Clock.GetUtcNow().UtcDateTime);
        db.Contacts.Add(contact);
        await db.SaveChangesAsync();
        return contact.Id;
    });

    /// <param name="sentContent">Set: the delivery was sent with this rendered content; null: it was suppressed for <paramref name="reason"/>.</param>
    public Task SeedDeliveryAsync(string campaignId, long contactId, string reason, string? sentContent = null) => WithAsync<CampaignDbContext>(db =>
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        var delivery = Delivery.NotSent(null, campaignId, contactId, 0, Channels.InApp, DeliveryStatus.Suppressed, reason, now);
        if (sentContent is not null) delivery.MarkSent(sentContent, null, now);
        db.Deliveries.Add(delivery);
        return db.SaveChangesAsync();
    });

    public Task<List<Delivery>> DeliveriesAsync() => WithAsync<CampaignDbContext, List<Delivery>>(db => db.Deliveries.AsNoTracking().ToListAsync());

    public string Uri => Services.GetRequiredService<NavigationManager>().Uri;

    public IEnumerable<string> Snackbars => Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message ?? "");

    public static string Campaign(string id, string name, string body = "Hi {{ Profile.name | default: 'there' }}") => $$"""
        {
          "id": "{{id}}",
          "name": "{{name}}",
          "trigger": { "type": "event", "event": "add_to_cart" },
          "stages": [ { "send": { "channel": "in-app", "title": "Hello", "body": {{JsonSerializer.Serialize(body)}} } } ],
          "stopOn": [{ "event": "purchase" }]
        }
        """;

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { /* a temp folder left behind does no harm */ }
    }
}
