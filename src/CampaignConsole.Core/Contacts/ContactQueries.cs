using CampaignConsole.Core.Common;
using CampaignConsole.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CampaignConsole.Core.Contacts;

public sealed record ContactRow(long Id, string? UserId, string TraitsJson, string? TimeZone, DateTime CreatedAt, DateTime LastSeenAt);

public sealed record ContactProfile(ContactRow Contact, IReadOnlyList<string> AnonymousIds);

/// <summary>Finds customers for the console and the API.</summary>
public sealed class ContactQueries(CampaignDbContext db)
{
    /// <summary>Search by user id, anonymous id or any trait text (an email, a name), most recently seen first.</summary>
    public async Task<NumberedPage<ContactRow>> SearchAsync(string? text, int skip, int take, CancellationToken ct)
    {
        var q = db.Contacts.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(text))
        {
            var t = text.Trim();
            q = q.Where(c => c.UserId == t || c.TraitsJson.Contains(t) || (c.UserId != null && c.UserId.StartsWith(t))
                || db.ContactAliases.Any(a => a.ContactId == c.Id && a.AnonymousId == t));
        }
        var total = await q.CountAsync(ct);
        var rows = await Project(q.OrderByDescending(c => c.LastSeenAt).ThenByDescending(c => c.Id)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 500))).ToListAsync(ct);
        return new NumberedPage<ContactRow>(rows, total);
    }

    /// <summary>By user id, or by an anonymous id for a visitor not yet identified.</summary>
    public async Task<ContactProfile?> FindAsync(string userOrAnonymousId, CancellationToken ct)
    {
        var id = await ContactIdAsync(userOrAnonymousId, ct);
        return id is null ? null : await FindAsync(id.Value, ct);
    }

    public async Task<ContactProfile?> FindAsync(long contactId, CancellationToken ct)
    {
        var row = await Project(db.Contacts.AsNoTracking().Where(c => c.Id == contactId)).FirstOrDefaultAsync(ct);
        if (row is null) return null;
        var aliases = await db.ContactAliases.AsNoTracking().Where(a => a.ContactId == contactId)
            .OrderBy(a => a.CreatedAt).Select(a => a.AnonymousId).ToListAsync(ct);
        return new ContactProfile(row, aliases);
    }

    /// <summary>Only a contact whose user id this is (not an anonymous id that happens to be spelled the same).</summary>
    public Task<long?> ContactIdByUserIdAsync(string userId, CancellationToken ct) =>
        db.Contacts.Where(c => c.UserId == userId).Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Only the still-anonymous contact this anonymous id is an alias of: never a user whose id is spelled
    /// the same, and never the user it was identified as since (that takes the user id and its hash).
    /// </summary>
    public Task<long?> ContactIdByAnonymousIdAsync(string anonymousId, CancellationToken ct) =>
        db.ContactAliases.Where(a => a.AnonymousId == anonymousId)
            .Join(db.Contacts, a => a.ContactId, c => c.Id, (a, c) => c)
            .Where(c => c.UserId == null)
            .Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);

    public async Task<long?> ContactIdAsync(string userOrAnonymousId, CancellationToken ct) =>
        await db.Contacts.Where(c => c.UserId == userOrAnonymousId).Select(c => (long?)c.Id).FirstOrDefaultAsync(ct)
        ?? await db.ContactAliases.Where(a => a.AnonymousId == userOrAnonymousId).Select(a => (long?)a.ContactId).FirstOrDefaultAsync(ct);

    private static IQueryable<ContactRow> Project(IQueryable<Contact> q) =>
        q.Select(c => new ContactRow(c.Id, c.UserId, c.TraitsJson, c.TimeZone, c.CreatedAt, c.LastSeenAt));
}
