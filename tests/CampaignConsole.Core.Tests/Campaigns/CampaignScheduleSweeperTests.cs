using System.Text.Json;
using CampaignConsole.Core.Campaigns;
using CampaignConsole.Core.Events;
using CampaignConsole.Core.Persistence;
using CampaignConsole.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CampaignConsole.Core.Tests.Campaigns;

public sealed class CampaignScheduleSweeperTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private SqliteTestDatabase _db = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _db = await SqliteTestDatabase.CreateAsync();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Campaigns"] = _db.ConnectionString }).Build();
        _services = new ServiceCollection()
            .AddSingleton<IConfiguration>(config).AddSingleton<TimeProvider>(_clock).AddLogging()
            .AddCampaignPersistence(config).AddEvents().AddContacts().AddCampaigns()
            .BuildServiceProvider();
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<EventTypeService>().SaveAsync(new SaveEventType("signup", null, EventKind.Customer, null), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task Active_campaign_whose_schedule_ended_becomes_ended_and_others_stay_active()
    {
        await CreateActiveAsync("spring-sale", """ "schedule": { "end": "2026-11-23T12:30:00Z" }, """);
        await CreateActiveAsync("evergreen", "");
        var index = _services.GetRequiredService<CampaignIndex>();
        var sweeper = new CampaignScheduleSweeper(_services.GetRequiredService<IServiceScopeFactory>(), index, _clock,
            NullLogger<CampaignScheduleSweeper>.Instance);

        await sweeper.SweepAsync(CancellationToken.None);
        Assert.Equal(CampaignStatus.Active, await StatusAsync("spring-sale"));

        _clock.Advance(TimeSpan.FromMinutes(31));
        await sweeper.SweepAsync(CancellationToken.None);

        Assert.Equal(CampaignStatus.Ended, await StatusAsync("spring-sale"));
        Assert.Equal(CampaignStatus.Active, await StatusAsync("evergreen"));
        Assert.False((await index.CurrentAsync()).ById.ContainsKey("spring-sale"));
    }

    private async Task CreateActiveAsync(string id, string extra)
    {
        await using var scope = _services.CreateAsyncScope();
        var campaigns = scope.ServiceProvider.GetRequiredService<CampaignService>();
        using var doc = JsonDocument.Parse($$"""
            { "id": "{{id}}", "name": "{{id}}", {{extra}}
              "trigger": { "type": "event", "event": "signup" },
              "stages": [ { "send": { "channel": "in-app", "body": "Welcome" } } ] }
            """);
        var saved = await campaigns.SaveAsync(doc.RootElement, create: true, null, CancellationToken.None);
        Assert.True(saved.IsOk);
        await campaigns.ActivateAsync(id, CancellationToken.None);
    }

    private async Task<CampaignStatus> StatusAsync(string id)
    {
        await using var db = _db.NewContext();
        return await db.Campaigns.Where(c => c.Id == id).Select(c => c.Status).SingleAsync();
    }
}
