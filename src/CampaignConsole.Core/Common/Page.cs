namespace CampaignConsole.Core.Common;

/// <summary>A keyset page: the items and the cursor of the next (older) page, null at the end.</summary>
public sealed record CursorPage<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>An offset page with the total, for the console's numbered pagers.</summary>
public sealed record NumberedPage<T>(IReadOnlyList<T> Items, int Total);

/// <summary>"ticks.id" of the last row seen: newest-first lists continue strictly after it.</summary>
public readonly record struct TimeCursor(DateTime Timestamp, long Id)
{
    public override string ToString() => $"{Timestamp.Ticks}.{Id}";

    public static bool TryParse(string? text, out TimeCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(text)) return false;
        var parts = text.Split('.');
        if (parts.Length != 2 || !long.TryParse(parts[0], out var ticks) || !long.TryParse(parts[1], out var id)
            || ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks) return false;
        cursor = new TimeCursor(new DateTime(ticks, DateTimeKind.Utc), id);
        return true;
    }
}
