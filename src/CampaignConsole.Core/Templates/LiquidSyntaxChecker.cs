using Scriban.Parsing;
using Scriban.Syntax;

namespace CampaignConsole.Core.Templates;

/// <summary>
/// Faults Scriban's Liquid parser lets through but that would fail or silently vanish at send time,
/// so they are refused when the campaign is saved instead: an unknown filter (a runtime error in
/// Scriban) and an unknown tag (<c>{% foo %}</c>, which Scriban reads as the variable <c>foo</c>).
/// </summary>
internal static class LiquidSyntaxChecker
{
    private static readonly HashSet<string> KnownFilters =
        new(new CampaignTemplateContext(TimeProvider.System).BuiltinObject.Keys, StringComparer.Ordinal);

    public static IEnumerable<TemplateError> Check(ScriptNode? root, string text)
    {
        var errors = new List<TemplateError>();
        Visit(root, text, errors);
        return errors;
    }

    private static void Visit(ScriptNode? node, string text, List<TemplateError> errors)
    {
        if (node is null)
        {
            return;
        }

        switch (node)
        {
            case ScriptPipeCall pipe:
                var filter = pipe.To is ScriptFunctionCall call ? call.Target : pipe.To;
                if (filter is ScriptVariableGlobal name && !KnownFilters.Contains(name.Name))
                {
                    errors.Add(TemplatePosition.Error($"Unknown filter '{name.Name}'.", name.Span, text));
                }

                break;
            case ScriptExpressionStatement { Expression: ScriptVariableGlobal variable } when OpensTag(variable.Span, text):
                errors.Add(TemplatePosition.Error($"Unknown tag '{variable.Name}'.", variable.Span, text));
                break;
        }

        foreach (var child in node.Children)
        {
            Visit(child, text, errors);
        }
    }

    // True when the nearest markup before the span is "{%" (or "{%-"), not "{{".
    private static bool OpensTag(SourceSpan span, string text)
    {
        var i = Math.Min(span.Start.Offset, text.Length) - 1;
        while (i >= 0 && (char.IsWhiteSpace(text[i]) || text[i] == '-'))
        {
            i--;
        }

        return i >= 1 && text[i] == '%' && text[i - 1] == '{';
    }
}
