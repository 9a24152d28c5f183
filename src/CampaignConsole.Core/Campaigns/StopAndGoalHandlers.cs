using System.Text.Json.Nodes;
using CampaignConsole.Core.Delivery;
using CampaignConsole.Core.Persistence;
using CampaignConsole.Core.Segments;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignConsole.Core.Campaigns;

/// <summary>
/// A stop event (basket recovery's "purchase") ends the contact's active journeys in that campaign
/// and suppresses what they had queued but not yet sent.
/// </summary>
public sealed class StopEventHandler(IServiceScopeFactory scopes, CampaignIndex index, TimeProvider clock) : INotificationHandler<EventCommitted>
{
    public async ValueTask Handle(EventCommitted e, CancellationToken cancellationToken)
    {
        if (e.ContactId is not { } contactId) return;
        var snapshot = await index.CurrentAsync(cancellationToken);
        if (!snapshot.ByStopEvent.TryGetValue(e.Name, out var campaigns)) return;
        var context = JsonNode.Parse(e.PropertiesJson) as JsonObject ?? [];
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CampaignDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var c in campaigns)
        {
            var stop = c.Definition.StopOn.FirstOrDefault(s => s.Event == e.Name && RuleEvaluator.ConditionsHold(s.Where, context, context));
            if (stop is null) continue;
            // Only journeys that began before the stop event: a purchase does not cancel a later basket.
            // "Before" is the event log's order, not the journey's creation time against the event's timestamp:
            // a purchase ingested with its add-to-cart (one batch) has an earlier timestamp than the journey the
            // engine creates for that add-to-cart a moment later, yet it must stop it.
            var active = await db.Journeys.Where(j => j.CampaignId == c.Id && j.ContactId == contactId && j.Status == JourneyStatus.Active
                && ((j.TriggerEventId != null && j.TriggerEventId < e.EventId) || (j.TriggerEventId == null && j.CreatedAt <= now)))
                .ToListAsync(cancellationToken);
            if (active.Count == 0) continue;
            var reason = $"stop event {e.Name}";
            foreach (var j in active) j.Stop(reason, now);
            var ids = active.Select(j => (long?)j.Id).ToList();
            var queued = await db.Deliveries.Where(d => ids.Contains(d.JourneyId) && d.Status == DeliveryStatus.Queued).ToListAsync(cancellationToken);
            foreach (var d in queued) d.Suppress(reason);
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}

/// <summary>A goal event within the campaign's window marks the contact's journeys (control group included) as converted.</summary>
public sealed class GoalHandler(IServiceScopeFactory scopes, CampaignIndex index, TimeProvider clock) : INotificationHandler<EventCommitted>
{
    public async ValueTask Handle(EventCommitted e, CancellationToken cancellationToken)
    {
        if (e.ContactId is not { } contactId) return;
        var snapshot = await index.CurrentAsync(cancellationToken);
        if (!snapshot.ByGoalEvent.TryGetValue(e.Name, out var campaigns)) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CampaignDbContext>();
        foreach (var c in campaigns)
        {
            var since = e.Timestamp - c.Definition.Goal!.Within;
            var now = clock.GetUtcNow().UtcDateTime;
            // Journeys begun earlier in the event log (as for stop events: a purchase sent in the same batch as its
            // add-to-cart has an earlier timestamp than the journey the engine creates a moment later), within the window.
            var journeys = await db.Journeys.Where(j => j.CampaignId == c.Id && j.ContactId == contactId && j.ConvertedAt == null
                && j.CreatedAt >= since
                && ((j.TriggerEventId != null && j.TriggerEventId < e.EventId) || (j.TriggerEventId == null && j.CreatedAt <= now)))
                .ToListAsync(cancellationToken);
            foreach (var j in journeys) j.Convert(e.Timestamp);
            if (journeys.Count > 0) await db.SaveChangesAsync(cancellationToken);
        }
    }
}
