using System.Globalization;
using CampaignConsole.Core.Common;

namespace CampaignConsole.Core.Contacts;

/// <summary>One line of a customer's timeline: an event they did or a message sent to them.</summary>
public sealed record TimelineEntry(string Kind, long Id, DateTime At, string Name, string? Status, string? DetailJson);

/// <summary>
/// Where a slice of the timeline comes from (events, deliveries…). Entries are ordered by
/// (At desc, Kind asc, Id desc); <see cref="TimelineBound"/> says where the previous page stopped.
/// </summary>
public interface ITimelineSource
{
    Task<IReadOnlyList<TimelineEntry>> ReadAsync(long contactId, TimelineBound? after, int limit, CancellationToken ct);
}

/// <summary>Continue strictly after (At, Kind, Id) in timeline order.</summary>
public sealed record TimelineBound(DateTime At, string Kind, long Id)
{
    /// <summary>For a source of <paramref name="kind"/>: may entries at exactly <see cref="At"/> be returned, and below which id.</summary>
    public (bool IncludeSameTime, long? IdBelow) For(string kind)
    {
        var order = string.CompareOrdinal(kind, Kind);
        return order == 0 ? (true, Id) : (order > 0, null);
    }

    public override string ToString() => $"{At.Ticks}.{Kind}.{Id}";

    public static TimelineBound? Parse(string? text)
    {
        var parts = text?.Split('.');
        if (parts is not { Length: 3 } || !long.TryParse(parts[0], CultureInfo.InvariantCulture, out var ticks)
            || !long.TryParse(parts[2], CultureInfo.InvariantCulture, out var id)
            || ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks) return null;
        return new TimelineBound(new DateTime(ticks, DateTimeKind.Utc), parts[1], id);
    }
}

/// <summary>The customer's events and messages merged, newest first, keyset-paged.</summary>
public sealed class TimelineQueries(IEnumerable<ITimelineSource> sources, ContactQueries contacts)
{
    public async Task<CursorPage<TimelineEntry>?> ReadAsync(string userId, string? cursor, int limit, CancellationToken ct)
    {
        var contactId = await contacts.ContactIdAsync(userId, ct);
        return contactId is null ? null : await ReadAsync(contactId.Value, cursor, limit, ct);
    }

    public async Task<CursorPage<TimelineEntry>> ReadAsync(long contactId, string? cursor, int limit, CancellationToken ct)
    {
        limit = Math.Clamp(limit, 1, 500);
        var after = TimelineBound.Parse(cursor);
        var all = new List<TimelineEntry>();
        // Sequential: the sources share one scoped DbContext.
        foreach (var s in sources) all.AddRange(await s.ReadAsync(contactId, after, limit + 1, ct));
        var ordered = all.OrderByDescending(e => e.At).ThenBy(e => e.Kind, StringComparer.Ordinal).ThenByDescending(e => e.Id)
            .Take(limit + 1).ToList();
        string? next = null;
        if (ordered.Count > limit)
        {
            var last = ordered[limit - 1];
            next = new TimelineBound(last.At, last.Kind, last.Id).ToString();
            ordered.RemoveAt(limit);
        }
        return new CursorPage<TimelineEntry>(ordered, next);
    }
}
