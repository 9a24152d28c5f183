using System.Text.Json;
using System.Text.Json.Nodes;
using Scriban.Runtime;

namespace CampaignConsole.Core.Templates;

/// <summary>
/// Turns the JSON model into Scriban objects. Keys are copied exactly as given, so
/// <c>Profile.name</c> and <c>ExternalTrigger.productDetails</c> keep their case (no member renaming).
/// </summary>
internal static class JsonScriptModel
{
    public static ScriptObject Build(TemplateModel model)
    {
        var @event = ToScriptObject(model.Event);
        var client = new ScriptObject { ["eventContext"] = @event };
        return new ScriptObject
        {
            ["Profile"] = ToScriptObject(model.Profile),
            ["Event"] = @event,
            ["ExternalTrigger"] = ToScriptObject(model.ExternalTrigger),
            ["client"] = client,
        };
    }

    // A missing section is an empty object, so `Profile.name | default: "x"` still falls back.
    public static ScriptObject ToScriptObject(JsonObject? json)
    {
        var result = new ScriptObject();
        if (json is null)
        {
            return result;
        }

        foreach (var (key, value) in json)
        {
            result[key] = ToScriptValue(value);
        }

        return result;
    }

    public static object? ToScriptValue(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => ToScriptObject(obj),
        JsonArray array => ToScriptArray(array),
        JsonValue value => FromValue(value),
        _ => null,
    };

    private static ScriptArray ToScriptArray(JsonArray json)
    {
        var result = new ScriptArray(json.Count);
        foreach (var item in json)
        {
            result.Add(ToScriptValue(item));
        }

        return result;
    }

    private static object? FromValue(JsonValue value)
    {
        if (value.TryGetValue<JsonElement>(out var element))
        {
            return FromElement(element);
        }

        // A value built in code (JsonValue.Create(42), a DateTime...) is not backed by a JsonElement;
        // going through its JSON text gives it exactly the shape it would have after a round trip.
        using var document = JsonDocument.Parse(value.ToJsonString());
        return FromElement(document.RootElement);
    }

    private static object? FromElement(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => FromNumber(element),
        JsonValueKind.Object => ObjectFromElement(element),
        JsonValueKind.Array => ArrayFromElement(element),
        _ => null,
    };

    private static ScriptObject ObjectFromElement(JsonElement element)
    {
        var result = new ScriptObject();
        foreach (var property in element.EnumerateObject())
        {
            result[property.Name] = FromElement(property.Value);
        }

        return result;
    }

    private static ScriptArray ArrayFromElement(JsonElement element)
    {
        var result = new ScriptArray(element.GetArrayLength());
        foreach (var item in element.EnumerateArray())
        {
            result.Add(FromElement(item));
        }

        return result;
    }

    // Integers stay exact (long, then decimal when too big); fractions are doubles, as Liquid's Ruby floats.
    private static object FromNumber(JsonElement element)
    {
        if (element.TryGetInt64(out var integer))
        {
            return integer;
        }

        var raw = element.GetRawText();
        if (raw.AsSpan().IndexOfAny('.', 'e', 'E') < 0 && element.TryGetDecimal(out var big))
        {
            return big;
        }

        return element.GetDouble();
    }
}
