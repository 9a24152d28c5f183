using System.Text.Json.Nodes;
using CampaignConsole.Core.Common;
using CampaignConsole.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CampaignConsole.Core.Events;

public sealed record RaisedSystemEvent(long EventId, bool Duplicate);

/// <summary>Stores a system event once per messageId; the engine picks it up from the event log and fans out.</summary>
public sealed class SystemEventService(CampaignDbContext db, TimeProvider clock, Ingest.CommittedEventFeed feed)
{
    public async Task<Result<RaisedSystemEvent>> RaiseAsync(int sourceId, string? name, JsonObject? context, string? messageId, CancellationToken ct)
    {
        var errors = new ErrorList();
        if (string.IsNullOrWhiteSpace(name)) errors.Add("name", "is required");
        else if (name.Length > 200) errors.Add("name", "is longer than 200 characters");
        if (messageId is { Length: > 200 }) errors.Add("messageId", "is longer than 200 characters");
        if (errors.Any) return Result<RaisedSystemEvent>.Invalid(errors.ToDictionary());
        var id = string.IsNullOrWhiteSpace(messageId) ? Guid.NewGuid().ToString("N") : messageId;

        var existing = await db.Events.AsNoTracking().Where(e => e.SourceId == sourceId && e.MessageId == id).Select(e => (long?)e.Id).FirstOrDefaultAsync(ct);
        if (existing is { } dup) return Result<RaisedSystemEvent>.Ok(new RaisedSystemEvent(dup, true));

        var now = clock.GetUtcNow().UtcDateTime;
        var stored = StoredEvent.System(sourceId, id, name!.Trim(), (context ?? []).ToJsonString(), now);
        db.Events.Add(stored);
        if (!await db.EventTypes.AnyAsync(t => t.Name == stored.Name, ct))
            db.EventTypes.Add(EventType.Create(stored.Name, null, EventKind.System, null, now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Raised concurrently with the same messageId: the other request stored it.
            db.ChangeTracker.Clear();
            var other = await db.Events.AsNoTracking().Where(e => e.SourceId == sourceId && e.MessageId == id).Select(e => e.Id).FirstAsync(ct);
            return Result<RaisedSystemEvent>.Ok(new RaisedSystemEvent(other, true));
        }
        feed.Publish([new Ingest.IngestedEvent(stored.Id, sourceId, null, stored.Type, stored.Name, stored.PropertiesJson, now)]);
        return Result<RaisedSystemEvent>.Ok(new RaisedSystemEvent(stored.Id, false));
    }
}
