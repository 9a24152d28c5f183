using Scriban.Parsing;

namespace CampaignConsole.Core.Templates;

/// <summary>Scriban spans are 0-based and -1 at end of input; users read 1-based lines and columns.</summary>
internal static class TemplatePosition
{
    public static TemplateError Error(string message, SourceSpan span, string text)
    {
        var (line, column) = OneBased(span, text);
        return new TemplateError(message, line, column);
    }

    public static (int Line, int Column) OneBased(SourceSpan span, string text)
    {
        if (span.Start.Line >= 0 && span.Start.Column >= 0)
        {
            return (span.Start.Line + 1, span.Start.Column + 1);
        }

        // Scriban reports an unexpected end of template as (-1, -1): point just past the last character.
        var lastNewLine = text.LastIndexOf('\n');
        var lines = text.Count(c => c == '\n') + 1;
        return (lines, text.Length - lastNewLine);
    }
}
