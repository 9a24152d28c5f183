using System.Globalization;
using System.Text;
using System.Text.Json;
using CampaignConsole.Core.Contacts;

namespace CampaignConsole.Core.Events.Ingest;

/// <summary>
/// Validates Segment-spec messages. Errors are keyed by JSON path (`batch[3].messageId`) so the
/// problem details name the faulty field.
/// </summary>
public static class SegmentMessageParser
{
    /// <summary>How an oversized message's error begins: the API answers 413 for it rather than 400.</summary>
    public const string TooLarge = "message too large: ";

    public static readonly IReadOnlySet<string> Types =
        new HashSet<string>(StringComparer.Ordinal) { "track", "identify", "page", "screen", "group", "alias" };

    /// <param name="path">Prefix for error keys, e.g. `batch[3]`, or empty for a single message.</param>
    /// <param name="impliedType">The type a single-message route implies (`/v1/track`), else null.</param>
    /// <param name="skew">receivedAt − sentAt, added to timestamps to correct the client's clock (Segment's rule).</param>
    public static IngestMessage? Parse(JsonElement msg, string path, string? impliedType, TimeSpan skew, DateTime now,
        Dictionary<string, List<string>> errors)
    {
        // A fault of the whole message is keyed by its path alone (`batch[3]`), not `batch[3].`.
        string Key(string field) => path.Length == 0 ? field : field.Length == 0 ? path : $"{path}.{field}";
        void Fail(string field, string error)
        {
            if (!errors.TryGetValue(Key(field), out var list)) errors[Key(field)] = list = [];
            list.Add(error);
        }

        if (msg.ValueKind != JsonValueKind.Object)
        {
            Fail("", "must be a JSON object");
            return null;
        }
        var size = Encoding.UTF8.GetByteCount(msg.GetRawText());
        if (size > IngestLimits.MaxMessageBytes)
        {
            Fail("", $"{TooLarge}{size} bytes; the limit is {IngestLimits.MaxMessageBytes} bytes (32 KB)");
            return null;
        }

        var type = impliedType ?? Str(msg, "type");
        if (type is null || !Types.Contains(type))
            Fail("type", "must be one of track, identify, page, screen, group, alias");
        var messageId = Str(msg, "messageId");
        if (string.IsNullOrWhiteSpace(messageId))
            Fail("messageId", "is required: it is what makes a retried message a no-op");
        else if (messageId.Length > IngestLimits.MaxIdLength)
            Fail("messageId", $"is longer than {IngestLimits.MaxIdLength} characters");

        var userId = Id(msg, "userId", Fail);
        var anonymousId = Id(msg, "anonymousId", Fail);
        if (userId is null && anonymousId is null)
            Fail("userId", "userId or anonymousId is required");

        var name = type switch
        {
            "track" => Str(msg, "event"),
            "page" or "screen" => Str(msg, "name") ?? "",
            _ => type ?? "",
        };
        if (type == "track" && string.IsNullOrWhiteSpace(name))
            Fail("event", "is required for a track message");
        if (name is { Length: > IngestLimits.MaxNameLength })
            Fail(type is "page" or "screen" ? "name" : "event", $"is longer than {IngestLimits.MaxNameLength} characters");

        var properties = ObjectText(msg, "properties", Fail);
        var traits = ObjectText(msg, "traits", Fail);
        var context = ObjectText(msg, "context", Fail);
        var previousId = Str(msg, "previousId");
        if (type == "alias" && string.IsNullOrWhiteSpace(previousId))
            Fail("previousId", "is required for an alias message");

        // `timestamp`, else `originalTimestamp`: RudderStack's SDKs send only the latter (the call time), and
        // Segment's spec defines it too; without it an event queued or retried by the SDK got its arrival time.
        var timestamp = now;
        var timeField = msg.TryGetProperty("timestamp", out var ts) && ts.ValueKind != JsonValueKind.Null ? "timestamp"
            : msg.TryGetProperty("originalTimestamp", out ts) && ts.ValueKind != JsonValueKind.Null ? "originalTimestamp"
            : null;
        if (timeField is not null)
        {
            if (ts.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(ts.GetString(), CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal, out var parsed))
                timestamp = parsed.UtcDateTime + skew;
            else
                Fail(timeField, "must be an ISO 8601 date-time");
        }

        if (errors.Keys.Any(k => k.StartsWith(path, StringComparison.Ordinal))) return null;

        // For identify the traits are the event's context; group keeps them as properties too.
        var stored = type is "identify" or "group" ? traits ?? "{}" : properties ?? "{}";
        var zone = TraitMerge.ValidTimeZone(TraitString(traits, "timezone"));
        var deviceZone = TraitMerge.ValidTimeZone(TraitString(context, "timezone"));
        return new IngestMessage(type!, messageId!, userId, anonymousId, name!, stored, traits, context, timestamp, previousId, zone, deviceZone);
    }

    private static string? Str(JsonElement msg, string name) =>
        msg.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>Segment allows numeric ids; they are stored as their text.</summary>
    private static string? Id(JsonElement msg, string name, Action<string, string> fail)
    {
        if (!msg.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        var id = v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        };
        if (id is null) fail(name, "must be a string");
        else if (id.Length > IngestLimits.MaxIdLength) fail(name, $"is longer than {IngestLimits.MaxIdLength} characters");
        else if (string.IsNullOrWhiteSpace(id)) return null;
        return id;
    }

    private static string? ObjectText(JsonElement msg, string name, Action<string, string> fail)
    {
        if (!msg.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.Object)
        {
            fail(name, "must be a JSON object");
            return null;
        }
        return v.GetRawText();
    }

    private static string? TraitString(string? json, string key)
    {
        if (json is null || !json.Contains("\"timezone\"", StringComparison.Ordinal)) return null;
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }
}
