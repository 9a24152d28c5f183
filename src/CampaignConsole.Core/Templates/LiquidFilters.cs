using System.Collections;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Scriban;
using Scriban.Functions;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace CampaignConsole.Core.Templates;

/// <summary>
/// Liquid filters that Scriban's Liquid mode lacks or renders differently from Shopify's Liquid.
/// Imported by name (<c>Default</c> → <c>default</c>, <c>UrlEncode</c> → <c>url_encode</c>) over the builtins.
/// </summary>
internal static partial class LiquidFilters
{
    /// <summary>The filters, built once; function objects are stateless and shared by every render.</summary>
    public static ScriptObject Functions { get; } = CreateFunctions();

    private static ScriptObject CreateFunctions()
    {
        var functions = new ScriptObject();
        functions.Import(typeof(LiquidFilters), filter: member => member is System.Reflection.MethodInfo, renamer: StandardMemberRenamer.Default);
        return functions;
    }

    /// <summary>
    /// Shopify's <c>default</c>: the fallback for nil, false, "" and empty arrays or objects (Scriban keeps false and []).
    /// Scriban's Liquid parser turns <c>default: "x", allow_false: true</c> into the positional arguments
    /// ("x", allow_false, true), so the option's value arrives as the fourth argument.
    /// </summary>
    public static object? Default(object? value, object? fallback = null, object? optionName = null, object? optionValue = null)
    {
        _ = optionName;
        var allowFalse = optionValue is true;
        var isEmpty = value switch
        {
            null => true,
            bool b => !b && !allowFalse,
            string s => s.Length == 0,
            ScriptObject o => o.Count == 0,
            ICollection c => c.Count == 0,
            _ => false,
        };
        return isEmpty ? fallback ?? string.Empty : value;
    }

    /// <summary>
    /// Shopify's <c>date</c>: Ruby strftime over a date, an ISO or free-form date string, unix seconds,
    /// or "now"/"today". Input that is not a date, or an empty format, comes back unchanged.
    /// Times without an offset are read as UTC; "now" comes from the injected <see cref="TimeProvider"/>.
    /// </summary>
    public static object? Date(TemplateContext context, object? input, string? format = null)
    {
        if (string.IsNullOrEmpty(format))
        {
            return input;
        }

        var clock = (context as CampaignTemplateContext)?.Clock ?? TimeProvider.System;
        return LiquidDate.TryRead(input, clock, out var time) ? Strftime.Format(time, format) : input;
    }

    /// <summary>Ruby's <c>capitalize</c>: first letter up, the rest down ("my GREAT title" → "My great title").</summary>
    public static string Capitalize(string? input)
    {
        if (string.IsNullOrEmpty(input))
        {
            return string.Empty;
        }

        return char.ToUpperInvariant(input[0]) + input[1..].ToLowerInvariant();
    }

    /// <summary>Ruby's <c>CGI.escape</c>: spaces become '+', everything but <c>A-Za-z0-9_.-~</c> is %XX.</summary>
    public static string UrlEncode(string? input)
    {
        if (string.IsNullOrEmpty(input))
        {
            return string.Empty;
        }

        var output = new StringBuilder(input.Length * 3 / 2);
        foreach (var b in Encoding.UTF8.GetBytes(input))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' or '~')
            {
                output.Append(c);
            }
            else if (c == ' ')
            {
                output.Append('+');
            }
            else
            {
                output.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return output.ToString();
    }

    /// <summary>Ruby's <c>CGI.unescape</c>: '+' is a space, %XX is a UTF-8 byte.</summary>
    public static string UrlDecode(string? input) => WebUtility.UrlDecode(input) ?? string.Empty;

    /// <summary>
    /// Liquid's <c>divided_by</c> fails on zero; Scriban's returns int.MaxValue, which must never reach a customer.
    /// </summary>
    public static object? DividedBy(TemplateContext context, SourceSpan span, double value, object divisor)
    {
        if (divisor is int or long or double or decimal or float && Convert.ToDouble(divisor, CultureInfo.InvariantCulture) == 0)
        {
            throw new ScriptRuntimeException(span, "divided by 0");
        }

        return MathFunctions.DividedBy(context, span, value, divisor);
    }

    /// <summary>Escapes HTML without double-escaping entities already there ("&amp;lt;" stays).</summary>
    public static string EscapeOnce(string? input) =>
        string.IsNullOrEmpty(input) ? string.Empty : EscapeOnceRegex().Replace(input, match => match.Value switch
        {
            "&" => "&amp;",
            "<" => "&lt;",
            ">" => "&gt;",
            "\"" => "&quot;",
            _ => "&#39;",
        });

    // Liquid's HTML_ESCAPE_ONCE_REGEXP: a special character, or an & that does not start an entity.
    [GeneratedRegex("[\"><']|&(?!([a-zA-Z]+|(#\\d+));)", RegexOptions.CultureInvariant)]
    private static partial Regex EscapeOnceRegex();
}
