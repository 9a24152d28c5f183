using CampaignConsole.Core.Common;
using CampaignConsole.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CampaignConsole.Core.Events;

/// <summary>Filters of the event history; all optional. `Query` searches the event's properties text.</summary>
public sealed record EventFilter(string? Name = null, string? UserId = null, DateTime? From = null, DateTime? To = null,
    string? Query = null, long? ContactId = null);

public sealed record EventRow(long Id, string MessageId, string Type, string Name, long? ContactId, string? UserId,
    string? AnonymousId, DateTime Timestamp, DateTime ReceivedAt, string PropertiesJson, string? ContextJson);

/// <summary>Reads the event history, newest first.</summary>
public sealed class EventQueries(CampaignDbContext db)
{
    public const int MaxLimit = 500;

    public async Task<CursorPage<EventRow>> ListAsync(EventFilter filter, string? cursor, int limit, CancellationToken ct)
    {
        limit = Math.Clamp(limit, 1, MaxLimit);
        var q = await FilterAsync(filter, ct);
        if (q is null) return new CursorPage<EventRow>([], null);
        if (TimeCursor.TryParse(cursor, out var after))
            q = q.Where(e => e.Timestamp < after.Timestamp || (e.Timestamp == after.Timestamp && e.Id < after.Id));
        var rows = await Project(q.OrderByDescending(e => e.Timestamp).ThenByDescending(e => e.Id).Take(limit + 1)).ToListAsync(ct);
        var next = rows.Count > limit ? new TimeCursor(rows[limit - 1].Timestamp, rows[limit - 1].Id).ToString() : null;
        return new CursorPage<EventRow>(rows.Take(limit).ToList(), next);
    }

    public async Task<NumberedPage<EventRow>> PageAsync(EventFilter filter, int skip, int take, CancellationToken ct)
    {
        var q = await FilterAsync(filter, ct);
        if (q is null) return new NumberedPage<EventRow>([], 0);
        var total = await q.CountAsync(ct);
        var rows = await Project(q.OrderByDescending(e => e.Timestamp).ThenByDescending(e => e.Id)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, MaxLimit))).ToListAsync(ct);
        return new NumberedPage<EventRow>(rows, total);
    }

    public Task<EventRow?> FindAsync(long id, CancellationToken ct) =>
        Project(db.Events.AsNoTracking().Where(e => e.Id == id)).FirstOrDefaultAsync(ct);

    /// <summary>Null when the filter names a user that does not exist: the result is empty.</summary>
    private async Task<IQueryable<StoredEvent>?> FilterAsync(EventFilter f, CancellationToken ct)
    {
        var q = db.Events.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(f.UserId))
        {
            // By contact, not by the userId column: events sent before identify belong to the user too.
            var contactId = await db.Contacts.Where(c => c.UserId == f.UserId).Select(c => (long?)c.Id).FirstOrDefaultAsync(ct)
                ?? await db.ContactAliases.Where(a => a.AnonymousId == f.UserId).Select(a => (long?)a.ContactId).FirstOrDefaultAsync(ct);
            if (contactId is null) return null;
            q = q.Where(e => e.ContactId == contactId);
        }
        if (f.ContactId is { } cid) q = q.Where(e => e.ContactId == cid);
        if (!string.IsNullOrWhiteSpace(f.Name)) q = q.Where(e => e.Name == f.Name);
        if (f.From is { } from) q = q.Where(e => e.Timestamp >= from);
        if (f.To is { } to) q = q.Where(e => e.Timestamp < to);
        if (!string.IsNullOrWhiteSpace(f.Query))
        {
            var text = f.Query.Trim();
            q = q.Where(e => e.PropertiesJson.Contains(text) || e.MessageId == text || e.UserId == text || e.AnonymousId == text);
        }
        return q;
    }

    private static IQueryable<EventRow> Project(IQueryable<StoredEvent> q) =>
        q.Select(e => new EventRow(e.Id, e.MessageId, e.Type, e.Name, e.ContactId, e.UserId, e.AnonymousId,
            e.Timestamp, e.ReceivedAt, e.PropertiesJson, e.ContextJson));
}
