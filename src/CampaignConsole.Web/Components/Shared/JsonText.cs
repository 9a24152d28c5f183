using System.Text.Json;

namespace CampaignConsole.Web.Components.Shared;

/// <summary>Reads JSON typed into a console editor; a syntax fault becomes an error with its line and column.</summary>
internal static class JsonText
{
    // Shown and edited as text (Blazor encodes it), so quotes and angle brackets stay readable rather than \u0027.
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
    private static readonly JsonDocumentOptions Lenient = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>The parsed root (cloned, so it outlives the document), or null with <paramref name="errors"/> filled.</summary>
    public static JsonElement? Parse(string? text, out IDictionary<string, string[]>? errors)
    {
        errors = null;
        try
        {
            using var doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(text) ? "" : text, Lenient);
            return doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}: " : "";
            errors = new Dictionary<string, string[]> { ["json"] = [where + "not valid JSON"] };
            return null;
        }
    }

    public static string Pretty(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(doc.RootElement, Indented);
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
