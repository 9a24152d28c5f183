using CampaignConsole.Core.Contacts;
using CampaignConsole.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CampaignConsole.Core.Events;

/// <summary>The customer's own events on their timeline.</summary>
internal sealed class EventTimelineSource(CampaignDbContext db) : ITimelineSource
{
    public const string Kind = "event";

    public async Task<IReadOnlyList<TimelineEntry>> ReadAsync(long contactId, TimelineBound? after, int limit, CancellationToken ct)
    {
        var q = db.Events.AsNoTracking().Where(e => e.ContactId == contactId);
        if (after is not null)
        {
            var (sameTime, idBelow) = after.For(Kind);
            var t = after.At;
            q = idBelow is { } below
                ? q.Where(e => e.Timestamp < t || (e.Timestamp == t && e.Id < below))
                : sameTime ? q.Where(e => e.Timestamp <= t) : q.Where(e => e.Timestamp < t);
        }
        return await q.OrderByDescending(e => e.Timestamp).ThenByDescending(e => e.Id).Take(limit)
            .Select(e => new TimelineEntry(Kind, e.Id, e.Timestamp, e.Name, e.Type, e.PropertiesJson))
            .ToListAsync(ct);
    }
}
