namespace CampaignConsole.Core.Campaigns;

/// <summary>Whether now falls in quiet hours (in the contact's zone when asked), and when they end.</summary>
public static class QuietHoursPolicy
{
    /// <returns>Null when sending is allowed now; otherwise the UTC instant quiet hours end.</returns>
    public static DateTime? QuietUntil(DateTime utcNow, QuietHours quiet, string? timeZone)
    {
        var zone = TimeZoneInfo.Utc;
        if (timeZone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var tz)) zone = tz;
        var local = TimeZoneInfo.ConvertTimeFromUtc(utcNow, zone);
        var time = TimeOnly.FromDateTime(local);
        if (quiet.From == quiet.To) return null;
        var wraps = quiet.From > quiet.To; // 21:00 → 09:00 spans midnight
        var inQuiet = wraps ? time >= quiet.From || time < quiet.To : time >= quiet.From && time < quiet.To;
        if (!inQuiet) return null;
        var endDate = wraps && time >= quiet.From ? local.Date.AddDays(1) : local.Date;
        var endLocal = endDate + quiet.To.ToTimeSpan();
        // An end that falls in a DST gap does not exist locally; the next valid minute does.
        while (zone.IsInvalidTime(endLocal)) endLocal = endLocal.AddMinutes(1);
        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(endLocal, DateTimeKind.Unspecified), zone);
    }
}
