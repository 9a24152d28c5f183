using System.Text.Json.Nodes;
using CampaignConsole.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CampaignConsole.Core.Segments;

/// <summary>Facts about one contact read from the database, each query made at most once.</summary>
public sealed class DbContactFacts(CampaignDbContext db, long contactId, JsonObject traits) : IContactFacts
{
    /// <summary>Event-history rules read at most this many events per rule: a bound on one evaluation's cost.</summary>
    private const int MaxEvents = 10_000;
    private readonly Dictionary<(string, DateTime?), IReadOnlyList<JsonObject>> _events = [];

    public JsonObject Traits => traits;

    /// <summary>The facts of one contact, its traits read now (an unknown contact has none).</summary>
    public static async Task<DbContactFacts> LoadAsync(CampaignDbContext db, long contactId, CancellationToken ct)
    {
        var json = await db.Contacts.AsNoTracking().Where(c => c.Id == contactId).Select(c => c.TraitsJson).FirstOrDefaultAsync(ct);
        return new DbContactFacts(db, contactId, JsonNode.Parse(json ?? "{}") as JsonObject ?? []);
    }

    public async Task<IReadOnlyList<JsonObject>> EventPropertiesAsync(string eventName, DateTime? since, CancellationToken ct)
    {
        if (_events.TryGetValue((eventName, since), out var cached)) return cached;
        var q = db.Events.AsNoTracking().Where(e => e.ContactId == contactId && e.Name == eventName);
        if (since is { } s) q = q.Where(e => e.Timestamp >= s);
        var rows = await q.OrderByDescending(e => e.Timestamp).Take(MaxEvents).Select(e => e.PropertiesJson).ToListAsync(ct);
        var list = rows.Select(r => JsonNode.Parse(r) as JsonObject ?? []).ToList();
        _events[(eventName, since)] = list;
        return list;
    }

    public async Task<DateTime?> LastEventAtAsync(string eventName, CancellationToken ct) =>
        await db.Events.AsNoTracking().Where(e => e.ContactId == contactId && e.Name == eventName)
            .OrderByDescending(e => e.Timestamp).Select(e => (DateTime?)e.Timestamp).FirstOrDefaultAsync(ct);
}
