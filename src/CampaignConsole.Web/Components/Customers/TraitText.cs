using System.Text.Json;

namespace CampaignConsole.Web.Components.Customers;

/// <summary>Reads traits for display: every value as text, nested values as compact JSON.</summary>
internal static class TraitText
{
    public static string? Get(string traitsJson, string key) => All(traitsJson).GetValueOrDefault(key);

    public static Dictionary<string, string> All(string traitsJson)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var doc = JsonDocument.Parse(traitsJson);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return result;
            foreach (var p in doc.RootElement.EnumerateObject())
                result[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
        }
        catch (JsonException)
        {
            // Stored traits are always valid JSON; a display helper still must not throw.
        }
        return result;
    }
}
