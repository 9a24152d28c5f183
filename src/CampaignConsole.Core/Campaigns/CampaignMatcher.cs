using System.Text.Json.Nodes;
using CampaignConsole.Core.Delivery;
using CampaignConsole.Core.Persistence;
using CampaignConsole.Core.Scheduling;
using CampaignConsole.Core.Segments;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignConsole.Core.Campaigns;

/// <summary>
/// Starts campaigns: an event enters its contact into the campaigns it triggers (looked up by name
/// in the index), an identify into user-property campaigns that now match, and a system event
/// starts a fan-out to each triggered campaign's audience.
/// </summary>
public sealed class CampaignMatcher(IServiceScopeFactory scopes, CampaignIndex index, DeliverySignal deliveries, FanOutSignal fanOuts,
    TimeProvider clock) : INotificationHandler<EventCommitted>
{
    public async ValueTask Handle(EventCommitted e, CancellationToken ct)
    {
        var snapshot = await index.CurrentAsync(ct);
        if (e.IsSystem)
        {
            if (snapshot.BySystemEvent.TryGetValue(e.Name, out var systemCampaigns)) await StartFanOutsAsync(e, systemCampaigns, ct);
            return;
        }
        if (e.ContactId is not { } contactId) return;

        if (snapshot.ByCustomerEvent.TryGetValue(e.Name, out var candidates))
        {
            var context = JsonNode.Parse(e.PropertiesJson) as JsonObject ?? [];
            foreach (var c in candidates)
                await EnterAsync(c, contactId, $"e:{e.EventId}", e.EventId, context, ct);
        }
        if (e.Type == "identify" && snapshot.UserProperty.Length > 0)
            await MatchUserPropertiesAsync(snapshot.UserProperty, contactId, e.EventId, ct);
    }

    /// <summary>Enters and runs the journey's first steps in one transaction; an immediate send is queued with it.</summary>
    private async Task EnterAsync(ActiveCampaign c, long contactId, string key, long? eventId, JsonObject? context, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var entry = scope.ServiceProvider.GetRequiredService<CampaignEntry>();
        var runner = scope.ServiceProvider.GetRequiredService<JourneyRunner>();
        var result = await entry.TryEnterAsync(c, contactId, key, eventId, context, null, ct, runner.AdvanceAsync);
        if (result.Queued) deliveries.Notify();
    }

    /// <summary>Fires once, when the profile first comes to match (the frequency is always "once").</summary>
    private async Task MatchUserPropertiesAsync(IEnumerable<ActiveCampaign> campaigns, long contactId, long eventId, CancellationToken ct)
    {
        JsonObject traits;
        await using (var scope = scopes.CreateAsyncScope())
            traits = (await DbContactFacts.LoadAsync(scope.ServiceProvider.GetRequiredService<CampaignDbContext>(), contactId, ct)).Traits;
        foreach (var c in campaigns)
        {
            var t = c.Definition.Trigger;
            if (t.Property is null || !JsonCompare.Matches(traits[t.Property], CompareOp.Eq, t.EqualsValue)) continue;
            await EnterAsync(c, contactId, "user-property", eventId, traits, ct);
        }
    }

    private async Task StartFanOutsAsync(EventCommitted e, IEnumerable<ActiveCampaign> campaigns, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CampaignDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var c in campaigns)
        {
            // Unique (campaign, event): processing the same system event again starts nothing new.
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "FanOuts" ("CampaignId", "EventId", "LastContactId", "Scanned", "Entered", "Status", "CreatedAt", "UpdatedAt")
                VALUES ({c.Id}, {e.EventId}, {0L}, {0}, {0}, {"Running"}, {now}, {now})
                ON CONFLICT ("CampaignId", "EventId") DO NOTHING
                """, ct);
        }
        fanOuts.Notify();
    }
}

/// <summary>Wakes the fan-out worker when a system event starts one.</summary>
public sealed class FanOutSignal : CampaignConsole.Core.Common.WakeSignal;
