using CampaignConsole.Core.Delivery;
using CampaignConsole.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CampaignConsole.Core.Inbox;

public sealed record InboxItem(long Id, string CampaignId, string? Title, string Body, string? DataJson, DateTime CreatedAt,
    DateTime? ReadAt, DateTime? ExpiresAt);

/// <summary>A pending on-site / in-app message a browser has not acknowledged yet.</summary>
public sealed record PendingMessage(long Id, string CampaignId, string Channel, string? Title, string Body, string? DataJson,
    DateTime CreatedAt, DateTime? ExpiresAt);

/// <summary>
/// The inbox and the pending real-time messages of one contact, read from the outbox rows (the
/// delivery is the message). Removals are pushed to the contact's open pages by the caller.
/// </summary>
public sealed class InboxService(CampaignDbContext db, TimeProvider clock, IRealtimeNotifier realtime)
{
    public const int MaxItems = 100;

    public async Task<IReadOnlyList<InboxItem>> ListAsync(long contactId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.Deliveries.AsNoTracking()
            .Where(d => d.ContactId == contactId && d.Channel == Channels.Inbox && d.Status == DeliveryStatus.Sent
                && d.RemovedAt == null && (d.ExpiresAt == null || d.ExpiresAt > now))
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(MaxItems)
            .Select(d => new { d.Id, d.CampaignId, d.ContentJson, d.CreatedAt, d.ReadAt, d.ExpiresAt }).ToListAsync(ct);
        return rows.Select(r =>
        {
            var c = RenderedJson.Read(r.ContentJson);
            return new InboxItem(r.Id, r.CampaignId, c.Title, c.Body, c.DataJson, r.CreatedAt, r.ReadAt, r.ExpiresAt);
        }).ToList();
    }

    /// <summary>Sent on-site / in-app messages not yet acknowledged and not expired: what a (re)connecting page must show.</summary>
    public async Task<IReadOnlyList<PendingMessage>> PendingAsync(long contactId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.Deliveries.AsNoTracking()
            .Where(d => d.ContactId == contactId && (d.Channel == Channels.OnSite || d.Channel == Channels.InApp)
                && d.Status == DeliveryStatus.Sent && d.AckedAt == null && (d.ExpiresAt == null || d.ExpiresAt > now))
            .OrderBy(d => d.Id).Take(MaxItems)
            .Select(d => new { d.Id, d.CampaignId, d.Channel, d.ContentJson, d.CreatedAt, d.ExpiresAt }).ToListAsync(ct);
        return rows.Select(r =>
        {
            var c = RenderedJson.Read(r.ContentJson);
            return new PendingMessage(r.Id, r.CampaignId, r.Channel, c.Title, c.Body, c.DataJson, r.CreatedAt, r.ExpiresAt);
        }).ToList();
    }

    public Task<int> MarkReadAsync(long contactId, long deliveryId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Deliveries.Where(d => d.Id == deliveryId && d.ContactId == contactId && d.Channel == Channels.Inbox && d.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ReadAt, now), ct);
    }

    /// <summary>Removes one inbox message, or all of a campaign's (<paramref name="deliveryId"/> null), and tells open pages.</summary>
    public async Task<IReadOnlyList<long>> RemoveAsync(long contactId, long? deliveryId, string? campaignId, CancellationToken ct)
    {
        var q = db.Deliveries.Where(d => d.ContactId == contactId && d.Channel == Channels.Inbox && d.RemovedAt == null);
        if (deliveryId is { } id) q = q.Where(d => d.Id == id);
        if (campaignId is not null) q = q.Where(d => d.CampaignId == campaignId);
        var ids = await q.Select(d => d.Id).ToListAsync(ct);
        if (ids.Count == 0) return ids;
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Deliveries.Where(d => ids.Contains(d.Id)).ExecuteUpdateAsync(s => s.SetProperty(d => d.RemovedAt, now), ct);
        await realtime.InboxRemovedAsync(contactId, ids, ct);
        return ids;
    }
}

/// <summary>The rendered content stored on a delivery (see DeliveryDispatcher).</summary>
internal static class RenderedJson
{
    public sealed record Parts(string? Title, string Body, string? DataJson);

    public static Parts Read(string? json)
    {
        if (json is null) return new Parts(null, "", null);
        var node = System.Text.Json.Nodes.JsonNode.Parse(json);
        return new Parts(node?["title"]?.GetValue<string>(), node?["body"]?.GetValue<string>() ?? "", node?["data"]?.ToJsonString());
    }
}
