using System.Globalization;

namespace CampaignConsole.Core.Templates;

/// <summary>What Liquid's <c>date</c> filter accepts as a date (Liquid's <c>Utils.to_date</c>).</summary>
internal static class LiquidDate
{
    public static bool TryRead(object? input, TimeProvider clock, out DateTimeOffset time)
    {
        time = default;
        switch (input)
        {
            case DateTimeOffset offset:
                time = offset;
                return true;
            case DateTime dateTime:
                time = dateTime.Kind == DateTimeKind.Unspecified
                    ? new DateTimeOffset(dateTime, TimeSpan.Zero)
                    : new DateTimeOffset(dateTime);
                return true;
            case long or int or decimal:
                return TryFromUnixSeconds(Convert.ToDecimal(input, CultureInfo.InvariantCulture), out time);
            case string text:
                return TryParse(text.Trim(), clock, out time);
            default:
                return false;
        }
    }

    private static bool TryParse(string text, TimeProvider clock, out DateTimeOffset time)
    {
        time = default;
        if (text.Length == 0)
        {
            return false;
        }

        if (text.Equals("now", StringComparison.OrdinalIgnoreCase) || text.Equals("today", StringComparison.OrdinalIgnoreCase))
        {
            time = clock.GetUtcNow();
            return true;
        }

        // All digits is unix seconds, as in Liquid ("1700000000").
        if (text.All(char.IsAsciiDigit))
        {
            return decimal.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                && TryFromUnixSeconds(seconds, out time);
        }

        // An explicit offset is kept (Ruby's Time.parse does the same); none means UTC.
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
    }

    private static bool TryFromUnixSeconds(decimal seconds, out DateTimeOffset time)
    {
        time = default;
        if (seconds != decimal.Truncate(seconds)
            || seconds < DateTimeOffset.MinValue.ToUnixTimeSeconds()
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return false;
        }

        time = DateTimeOffset.FromUnixTimeSeconds((long)seconds);
        return true;
    }
}
