using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CampaignConsole.Core.Contacts;

/// <summary>Identify semantics: incoming traits overwrite same-named ones, others are kept.</summary>
public static class TraitMerge
{
    // Stored as the text it is (`+`, `é`, `<` unescaped): customer search matches trait text in SQL.
    // The JSON is never written into HTML unencoded, so the HTML-safe escaping buys nothing here.
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Merge(string existingJson, JsonElement incoming)
    {
        if (incoming.ValueKind != JsonValueKind.Object) return existingJson;
        var target = JsonNode.Parse(existingJson) as JsonObject ?? [];
        foreach (var p in incoming.EnumerateObject())
            target[p.Name] = JsonNode.Parse(p.Value.GetRawText());
        return target.ToJsonString(Readable);
    }

    /// <summary>Merging two contacts: the survivor's traits win over the absorbed one's.</summary>
    public static string MergeUnder(string survivorJson, string absorbedJson)
    {
        var survivor = JsonNode.Parse(survivorJson) as JsonObject ?? [];
        var absorbed = JsonNode.Parse(absorbedJson) as JsonObject ?? [];
        foreach (var (key, value) in absorbed.ToList())
        {
            if (survivor.ContainsKey(key)) continue;
            absorbed.Remove(key);
            survivor[key] = value;
        }
        return survivor.ToJsonString(Readable);
    }

    /// <summary>The IANA time zone named by a trait value, if it is one this machine knows.</summary>
    public static string? ValidTimeZone(string? candidate)
    {
        if (string.IsNullOrWhiteSpace(candidate)) return null;
        return TimeZoneInfo.TryFindSystemTimeZoneById(candidate, out var tz) && tz.HasIanaId ? tz.Id : null;
    }
}
