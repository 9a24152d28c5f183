using CampaignConsole.Core.Contacts;
using CampaignConsole.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CampaignConsole.Core.Delivery;

/// <summary>Messages on the customer's timeline: queued, sent, failed, suppressed or held out, with the reason.</summary>
internal sealed class DeliveryTimelineSource(CampaignDbContext db) : ITimelineSource
{
    public const string Kind = "message";

    public async Task<IReadOnlyList<TimelineEntry>> ReadAsync(long contactId, TimelineBound? after, int limit, CancellationToken ct)
    {
        var q = db.Deliveries.AsNoTracking().Where(d => d.ContactId == contactId);
        if (after is not null)
        {
            var (sameTime, idBelow) = after.For(Kind);
            var t = after.At;
            q = idBelow is { } below
                ? q.Where(d => d.CreatedAt < t || (d.CreatedAt == t && d.Id < below))
                : sameTime ? q.Where(d => d.CreatedAt <= t) : q.Where(d => d.CreatedAt < t);
        }
        var rows = await q.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(limit)
            .Select(d => new { d.Id, d.CreatedAt, d.CampaignId, d.Channel, d.Status, d.Reason, d.ContentJson, d.Attempts })
            .ToListAsync(ct);
        return rows.Select(d => new TimelineEntry(Kind, d.Id, d.CreatedAt, $"{d.CampaignId} ({d.Channel})",
            d.Reason is null ? StatusName(d.Status) : $"{StatusName(d.Status)}: {d.Reason}",
            System.Text.Json.JsonSerializer.Serialize(new { campaignId = d.CampaignId, channel = d.Channel, status = StatusName(d.Status),
                reason = d.Reason, attempts = d.Attempts, content = d.ContentJson is null ? null : System.Text.Json.Nodes.JsonNode.Parse(d.ContentJson) })))
            .ToList();
    }

    /// <summary>Kebab-case like every enum the API writes: `held-out`, not `heldout`.</summary>
    public static string StatusName(DeliveryStatus status) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(status.ToString());
}
