using System.Text.Json;

namespace CampaignConsole.Web.Api;

/// <summary>Stored JSON text re-emitted as JSON (not as an escaped string) in API answers.</summary>
internal static class JsonText
{
    public static JsonElement Element(string? json)
    {
        if (string.IsNullOrEmpty(json)) return default;
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }

    public static JsonElement? Optional(string? json) => json is null ? null : Element(json);
}
