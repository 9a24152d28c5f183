using System.Text.Json;
using System.Text.Json.Nodes;

namespace CampaignConsole.Core.Segments;

/// <summary>What a rule may ask about the one contact it is evaluated for.</summary>
public interface IContactFacts
{
    JsonObject Traits { get; }
    /// <summary>Properties of the contact's events named <paramref name="eventName"/> since <paramref name="since"/>, newest first.</summary>
    Task<IReadOnlyList<JsonObject>> EventPropertiesAsync(string eventName, DateTime? since, CancellationToken ct);
    Task<DateTime?> LastEventAtAsync(string eventName, CancellationToken ct);
}

/// <summary>
/// Evaluates a rule for one contact in memory. <paramref name="trigger"/> is the triggering event's
/// context, which `$field` values refer to (seed 003: filter customers with a value from the event).
/// </summary>
public static class RuleEvaluator
{
    public static async Task<bool> MatchesAsync(Rule rule, IContactFacts facts, JsonObject? trigger, DateTime now, CancellationToken ct)
    {
        switch (rule)
        {
            case AllRule all:
                foreach (var r in all.Rules)
                    if (!await MatchesAsync(r, facts, trigger, now, ct)) return false;
                return true;
            case AnyRule any:
                foreach (var r in any.Rules)
                    if (await MatchesAsync(r, facts, trigger, now, ct)) return true;
                return false;
            case NotRule not:
                return !await MatchesAsync(not.Rule, facts, trigger, now, ct);
            case AttributeRule a:
                return JsonCompare.Matches(facts.Traits[a.Attribute], a.Op, Resolve(a.Value, trigger));
            case EventCountRule e:
                var events = await facts.EventPropertiesAsync(e.Event, e.Within is { } w ? now - w : null, ct);
                long count = e.Where.Count == 0 ? events.Count : events.Count(p => ConditionsHold(e.Where, p, trigger));
                return JsonCompare.Matches(JsonValue.Create(count), e.CountOp, JsonSerializer.SerializeToElement(e.CountValue));
            case LastEventRule l:
                var last = await facts.LastEventAtAsync(l.Event, ct);
                if (last is null) return false;
                var days = (now - last.Value).TotalDays;
                return JsonCompare.Matches(JsonValue.Create(days), l.Op, JsonSerializer.SerializeToElement(l.Days));
            default:
                throw new InvalidOperationException($"Unknown rule {rule.GetType().Name}");
        }
    }

    /// <summary>All conditions hold on an event's context (a trigger's `where`, or an event rule's filter).</summary>
    public static bool ConditionsHold(IReadOnlyList<FieldCondition> conditions, JsonObject context, JsonObject? trigger) =>
        conditions.All(c => JsonCompare.Matches(context[c.Field], c.Op, Resolve(c.Value, trigger)));

    /// <summary>`"$sku"` is the triggering event's `sku`; anything else is itself.</summary>
    public static JsonElement Resolve(JsonElement value, JsonObject? trigger)
    {
        if (value.ValueKind != JsonValueKind.String) return value;
        var s = value.GetString()!;
        if (s.Length < 2 || s[0] != '$') return value;
        var node = trigger?[s[1..]];
        return node is null ? default : JsonSerializer.SerializeToElement(node);
    }
}
