using System.Net;
using System.Text.RegularExpressions;

namespace CampaignConsole.Core.Delivery;

/// <summary>A readable plain-text rendering of an HTML email body, for the text/plain alternative.</summary>
internal static partial class HtmlText
{
    public static string ToPlainText(string html)
    {
        // Source line breaks are just spaces in HTML; the tags decide where lines end.
        var text = Whitespace().Replace(InvisibleBlocks().Replace(html, ""), " ");
        text = Links().Replace(text, m => LinkText(m.Groups["text"].Value, m.Groups["href"].Value));
        text = Paragraphs().Replace(text, "\n\n");
        text = LineBreaks().Replace(text, "\n");
        text = Tags().Replace(text, "");
        text = WebUtility.HtmlDecode(text);
        text = SpaceRuns().Replace(text, " ");
        text = string.Join('\n', text.Split('\n').Select(line => line.Trim()));
        return BlankLineRuns().Replace(text, "\n\n").Trim();
    }

    // Keep the target visible: a text-only reader still needs somewhere to click.
    private static string LinkText(string inner, string href)
    {
        var label = Tags().Replace(inner, "").Trim();
        return label.Length == 0 || WebUtility.HtmlDecode(label) == WebUtility.HtmlDecode(href) ? href : $"{inner} ({href})";
    }

    [GeneratedRegex(@"<(script|style|head)\b[^>]*>.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex InvisibleBlocks();

    [GeneratedRegex("""<a\b[^>]*?\bhref\s*=\s*["'](?<href>[^"']*)["'][^>]*>(?<text>.*?)</a\s*>""", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Links();

    [GeneratedRegex(@"</(p|h[1-6]|table|ul|ol|blockquote)\s*>", RegexOptions.IgnoreCase)]
    private static partial Regex Paragraphs();

    [GeneratedRegex(@"<br\s*/?>|</(div|li|tr)\s*>", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreaks();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.Singleline)]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"[ \t\r\f\v]+")]
    private static partial Regex SpaceRuns();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLineRuns();
}
