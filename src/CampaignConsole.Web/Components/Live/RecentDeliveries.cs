using CampaignConsole.Core.Delivery;
using CampaignConsole.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CampaignConsole.Web.Components.Live;

public sealed record RecentDelivery(long Id, DateTime At, long ContactId, string? UserId, string CampaignId, string? CampaignName,
    string Channel, DeliveryStatus Status, string? Reason);

/// <summary>The newest deliveries of every campaign (test messages included), for the live view.</summary>
internal static class RecentDeliveries
{
    public static Task<List<RecentDelivery>> ReadAsync(CampaignDbContext db, int take, CancellationToken ct) =>
        db.Deliveries.AsNoTracking()
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
            .Take(take)
            .Select(d => new RecentDelivery(d.Id, d.SentAt ?? d.CreatedAt, d.ContactId,
                db.Contacts.Where(c => c.Id == d.ContactId).Select(c => c.UserId).FirstOrDefault(),
                d.CampaignId,
                db.Campaigns.Where(c => c.Id == d.CampaignId).Select(c => c.Name).FirstOrDefault(),
                d.Channel, d.Status, d.Reason))
            .ToListAsync(ct);
}
