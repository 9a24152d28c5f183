using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CampaignConsole.Core.Segments;

/// <summary>
/// Compares a stored value with a rule's value. Numbers compare as numbers (also when one side is a
/// numeric string), text case-insensitively (marketers type "Gold" for "gold"), `in` takes an array.
/// </summary>
public static class JsonCompare
{
    public static bool Matches(JsonNode? actual, CompareOp op, JsonElement expected)
    {
        if (op == CompareOp.Exists)
        {
            var exists = actual is not null;
            return expected.ValueKind == JsonValueKind.False ? !exists : exists;
        }
        if (actual is null) return op == CompareOp.Neq;
        if (op == CompareOp.In)
            return expected.ValueKind == JsonValueKind.Array && expected.EnumerateArray().Any(v => Equal(actual, v));
        if (op == CompareOp.Contains)
        {
            if (actual is JsonArray arr) return arr.Any(a => a is not null && Equal(a, expected));
            return Text(actual) is { } a && Text(expected) is { } b && a.Contains(b, StringComparison.OrdinalIgnoreCase);
        }
        if (op is CompareOp.Eq) return Equal(actual, expected);
        if (op is CompareOp.Neq) return !Equal(actual, expected);

        int cmp;
        if (Number(actual) is { } x && Number(expected) is { } y) cmp = x.CompareTo(y);
        else if (Text(actual) is { } s && Text(expected) is { } t) cmp = string.Compare(s, t, StringComparison.OrdinalIgnoreCase);
        else return false;
        return op switch { CompareOp.Gt => cmp > 0, CompareOp.Gte => cmp >= 0, CompareOp.Lt => cmp < 0, CompareOp.Lte => cmp <= 0, _ => false };
    }

    public static bool Equal(JsonNode actual, JsonElement expected)
    {
        if (Number(actual) is { } x && Number(expected) is { } y) return x == y;
        if (actual.GetValueKind() is JsonValueKind.True or JsonValueKind.False || expected.ValueKind is JsonValueKind.True or JsonValueKind.False)
            return actual.GetValueKind() == expected.ValueKind
                || string.Equals(Text(actual), Text(expected), StringComparison.OrdinalIgnoreCase);
        return Text(actual) is { } a && Text(expected) is { } b && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    }

    private static decimal? Number(JsonNode n) => n.GetValueKind() switch
    {
        // ToJsonString, not GetValue<JsonElement>: values made in code (JsonValue.Create(count)) hold a long or
        // double, not a JsonElement, and GetValue<JsonElement> throws for them.
        JsonValueKind.Number => decimal.TryParse(n.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null,
        JsonValueKind.String => decimal.TryParse(n.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null,
        _ => null,
    };

    private static decimal? Number(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.TryGetDecimal(out var d) ? d : null,
        JsonValueKind.String => decimal.TryParse(e.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null,
        _ => null,
    };

    private static string? Text(JsonNode n) => n.GetValueKind() switch
    {
        JsonValueKind.String => n.GetValue<string>(),
        JsonValueKind.Object or JsonValueKind.Array => n.ToJsonString(),
        _ => n.ToJsonString(),
    };

    private static string? Text(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Undefined or JsonValueKind.Null => null,
        _ => e.GetRawText(),
    };
}
