using System.Globalization;
using System.Text;

namespace CampaignConsole.Core.Templates;

/// <summary>
/// Ruby's <c>Time#strftime</c>, which Liquid's <c>date</c> filter uses, so formats written for
/// Shopify/CleverTap render the same here: flags <c>- _ 0 ^ #</c>, a width, and <c>%:z</c>.
/// Names (months, days, AM/PM) are English, as in Ruby.
/// </summary>
internal static class Strftime
{
    public static string Format(DateTimeOffset time, string format)
    {
        var output = new StringBuilder(format.Length + 16);
        var i = 0;
        while (i < format.Length)
        {
            var c = format[i];
            if (c != '%' || i + 1 >= format.Length)
            {
                output.Append(c);
                i++;
                continue;
            }

            var start = i;
            i++;
            var flags = string.Empty;
            while (i < format.Length && "-_0^#".Contains(format[i], StringComparison.Ordinal))
            {
                flags += format[i];
                i++;
            }

            var width = 0;
            while (i < format.Length && char.IsAsciiDigit(format[i]))
            {
                width = Math.Min(width * 10 + (format[i] - '0'), 1024);
                i++;
            }

            var colons = 0;
            while (i < format.Length && format[i] == ':')
            {
                colons++;
                i++;
            }

            if (i >= format.Length)
            {
                output.Append(format, start, format.Length - start);
                break;
            }

            var directive = format[i];
            i++;
            var formatted = Directive(time, directive, flags, width, colons);
            // Ruby writes an unknown directive back as it was written.
            output.Append(formatted ?? format[start..i]);
        }

        return output.ToString();
    }

    private static string? Directive(DateTimeOffset t, char directive, string flags, int width, int colons)
    {
        var culture = CultureInfo.InvariantCulture;
        return directive switch
        {
            'Y' => Number(t.Year, 4, '0', flags, width),
            'C' => Number(t.Year / 100, 2, '0', flags, width),
            'y' => Number(t.Year % 100, 2, '0', flags, width),
            'm' => Number(t.Month, 2, '0', flags, width),
            'B' => Text(culture.DateTimeFormat.GetMonthName(t.Month), flags, width),
            'b' or 'h' => Text(culture.DateTimeFormat.GetAbbreviatedMonthName(t.Month), flags, width),
            'd' => Number(t.Day, 2, '0', flags, width),
            'e' => Number(t.Day, 2, ' ', flags, width),
            'j' => Number(t.DayOfYear, 3, '0', flags, width),
            'H' => Number(t.Hour, 2, '0', flags, width),
            'k' => Number(t.Hour, 2, ' ', flags, width),
            'I' => Number(Hour12(t), 2, '0', flags, width),
            'l' => Number(Hour12(t), 2, ' ', flags, width),
            // Ruby's # flag swaps case: %#p is "am", while on names it upper-cases.
            'p' => flags.Contains('#', StringComparison.Ordinal)
                ? Text(t.Hour < 12 ? "am" : "pm", flags.Replace("#", string.Empty, StringComparison.Ordinal), width)
                : Text(t.Hour < 12 ? "AM" : "PM", flags, width),
            'P' => Text(t.Hour < 12 ? "am" : "pm", flags, width),
            'M' => Number(t.Minute, 2, '0', flags, width),
            'S' => Number(t.Second, 2, '0', flags, width),
            'L' => Fraction(t, width == 0 ? 3 : width),
            'N' => Fraction(t, width == 0 ? 9 : width),
            'z' => Offset(t.Offset, colons),
            'Z' => Text(t.Offset == TimeSpan.Zero ? "UTC" : string.Empty, flags, width),
            'A' => Text(culture.DateTimeFormat.GetDayName(t.DayOfWeek), flags, width),
            'a' => Text(culture.DateTimeFormat.GetAbbreviatedDayName(t.DayOfWeek), flags, width),
            'u' => Number(t.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)t.DayOfWeek, 1, '0', flags, width),
            'w' => Number((int)t.DayOfWeek, 1, '0', flags, width),
            'G' => Number(ISOWeek.GetYear(t.DateTime), 4, '0', flags, width),
            'g' => Number(ISOWeek.GetYear(t.DateTime) % 100, 2, '0', flags, width),
            'V' => Number(ISOWeek.GetWeekOfYear(t.DateTime), 2, '0', flags, width),
            'U' => Number((t.DayOfYear + 6 - (int)t.DayOfWeek) / 7, 2, '0', flags, width),
            'W' => Number((t.DayOfYear + 6 - ((int)t.DayOfWeek + 6) % 7) / 7, 2, '0', flags, width),
            's' => Number(t.ToUnixTimeSeconds(), 1, '0', flags, width),
            'n' => "\n",
            't' => "\t",
            '%' => "%",
            'c' => Text(Format(t, "%a %b %e %H:%M:%S %Y"), flags, width),
            'D' or 'x' => Text(Format(t, "%m/%d/%y"), flags, width),
            'F' => Text(Format(t, "%Y-%m-%d"), flags, width),
            'T' or 'X' => Text(Format(t, "%H:%M:%S"), flags, width),
            'R' => Text(Format(t, "%H:%M"), flags, width),
            'r' => Text(Format(t, "%I:%M:%S %p"), flags, width),
            'v' => Text(Format(t, "%e-%^b-%Y"), flags, width),
            '+' => Text(Format(t, "%a %b %e %H:%M:%S %Z %Y"), flags, width),
            _ => null,
        };
    }

    private static int Hour12(DateTimeOffset t) => t.Hour % 12 == 0 ? 12 : t.Hour % 12;

    private static string Number(long value, int defaultWidth, char defaultPad, string flags, int width)
    {
        var digits = Math.Abs(value).ToString(CultureInfo.InvariantCulture);
        var sign = value < 0 ? "-" : string.Empty;
        if (flags.Contains('-', StringComparison.Ordinal))
        {
            return sign + digits;
        }

        var pad = flags.Contains('_', StringComparison.Ordinal) ? ' '
            : flags.Contains('0', StringComparison.Ordinal) ? '0'
            : defaultPad;
        var total = width > 0 ? width : defaultWidth;
        return pad == '0'
            ? sign + digits.PadLeft(total - sign.Length, '0')
            : (sign + digits).PadLeft(total, ' ');
    }

    private static string Text(string value, string flags, int width)
    {
        if (flags.Contains('^', StringComparison.Ordinal) || flags.Contains('#', StringComparison.Ordinal))
        {
            value = value.ToUpperInvariant();
        }

        if (width > value.Length && !flags.Contains('-', StringComparison.Ordinal))
        {
            value = value.PadLeft(width, flags.Contains('0', StringComparison.Ordinal) ? '0' : ' ');
        }

        return value;
    }

    // %L / %N: the digits of the fraction of a second, truncated (never rounded) to the width.
    private static string Fraction(DateTimeOffset t, int digits)
    {
        var ticks = (t.Ticks % TimeSpan.TicksPerSecond).ToString("D7", CultureInfo.InvariantCulture) + "00";
        return digits <= ticks.Length ? ticks[..digits] : ticks.PadRight(digits, '0');
    }

    private static string Offset(TimeSpan offset, int colons)
    {
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var abs = offset.Duration();
        return colons switch
        {
            0 => $"{sign}{abs.Hours:D2}{abs.Minutes:D2}",
            1 => $"{sign}{abs.Hours:D2}:{abs.Minutes:D2}",
            _ => $"{sign}{abs.Hours:D2}:{abs.Minutes:D2}:{abs.Seconds:D2}",
        };
    }
}
