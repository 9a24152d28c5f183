using System.Text.Json;
using System.Xml;
using CampaignConsole.Core.Common;

namespace CampaignConsole.Core.Segments;

/// <summary>Reads rules from their JSON form, collecting errors keyed by JSON path.</summary>
public static class RuleParser
{
    private static readonly Dictionary<string, CompareOp> Ops = new(StringComparer.Ordinal)
    {
        ["eq"] = CompareOp.Eq, ["neq"] = CompareOp.Neq, ["gt"] = CompareOp.Gt, ["gte"] = CompareOp.Gte, ["lt"] = CompareOp.Lt,
        ["lte"] = CompareOp.Lte, ["contains"] = CompareOp.Contains, ["exists"] = CompareOp.Exists, ["in"] = CompareOp.In,
    };

    public static Rule? Parse(JsonElement e, string path, ErrorList errors)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, "must be a rule object");
            return null;
        }
        if (e.TryGetProperty("all", out var all)) return new AllRule(List(all, path + ".all", errors));
        if (e.TryGetProperty("any", out var any)) return new AnyRule(List(any, path + ".any", errors));
        if (e.TryGetProperty("not", out var not)) return Parse(not, path + ".not", errors) is { } inner ? new NotRule(inner) : null;
        if (e.TryGetProperty("attribute", out var attr))
        {
            var name = attr.ValueKind == JsonValueKind.String ? attr.GetString() : null;
            if (string.IsNullOrWhiteSpace(name)) errors.Add(path + ".attribute", "must be a trait name");
            var op = Op(e, "op", path, errors);
            var value = e.TryGetProperty("value", out var v) ? v.Clone() : default;
            if (op is not CompareOp.Exists && value.ValueKind == JsonValueKind.Undefined) errors.Add(path + ".value", "is required");
            return name is null || op is null ? null : new AttributeRule(name, op.Value, value);
        }
        if (e.TryGetProperty("event", out var ev))
        {
            var name = ev.ValueKind == JsonValueKind.String ? ev.GetString() : null;
            if (string.IsNullOrWhiteSpace(name)) errors.Add(path + ".event", "must be an event name");
            CompareOp countOp = CompareOp.Gte;
            long count = 1;
            if (e.TryGetProperty("count", out var c))
            {
                countOp = Op(c, "op", path + ".count", errors) ?? CompareOp.Gte;
                if (!c.TryGetProperty("value", out var cv) || !cv.TryGetInt64(out count) || count < 0)
                    errors.Add(path + ".count.value", "must be a whole number ≥ 0");
            }
            var within = Duration(e, "within", path, errors);
            var where = Where(e, path, errors);
            return name is null ? null : new EventCountRule(name, countOp, count, within, where);
        }
        if (e.TryGetProperty("lastEvent", out var last))
        {
            var name = last.ValueKind == JsonValueKind.String ? last.GetString() : null;
            if (string.IsNullOrWhiteSpace(name)) errors.Add(path + ".lastEvent", "must be an event name");
            if (!e.TryGetProperty("daysAgo", out var d)) { errors.Add(path + ".daysAgo", "is required"); return null; }
            var op = Op(d, "op", path + ".daysAgo", errors);
            if (!d.TryGetProperty("value", out var dv) || !dv.TryGetDouble(out var days) || days < 0)
            {
                errors.Add(path + ".daysAgo.value", "must be a number ≥ 0");
                return null;
            }
            return name is null || op is null ? null : new LastEventRule(name, op.Value, days);
        }
        errors.Add(path, "must have one of: all, any, not, attribute, event, lastEvent");
        return null;
    }

    public static IReadOnlyList<FieldCondition> Where(JsonElement e, string path, ErrorList errors)
    {
        if (!e.TryGetProperty("where", out var where) || where.ValueKind == JsonValueKind.Null) return [];
        if (where.ValueKind != JsonValueKind.Array)
        {
            errors.Add(path + ".where", "must be an array of conditions");
            return [];
        }
        var list = new List<FieldCondition>();
        var i = 0;
        foreach (var w in where.EnumerateArray())
        {
            var p = $"{path}.where[{i++}]";
            var field = w.ValueKind == JsonValueKind.Object && w.TryGetProperty("field", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
            if (string.IsNullOrWhiteSpace(field)) { errors.Add(p + ".field", "must be an event context key"); continue; }
            var op = Op(w, "op", p, errors);
            var value = w.TryGetProperty("value", out var v) ? v.Clone() : default;
            if (op is not CompareOp.Exists && value.ValueKind == JsonValueKind.Undefined) errors.Add(p + ".value", "is required");
            if (op is { } o) list.Add(new FieldCondition(field, o, value));
        }
        return list;
    }

    public static TimeSpan? Duration(JsonElement e, string name, string path, ErrorList errors)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind == JsonValueKind.String && TryDuration(v.GetString(), out var d) && d > TimeSpan.Zero) return d;
        errors.Add($"{path}.{name}", "must be a positive ISO 8601 duration such as PT1H or P30D");
        return null;
    }

    public static bool TryDuration(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text) || !text.StartsWith('P')) return false;
        try
        {
            duration = XmlConvert.ToTimeSpan(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static List<Rule> List(JsonElement e, string path, ErrorList errors)
    {
        var rules = new List<Rule>();
        if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() == 0)
        {
            errors.Add(path, "must be a non-empty array of rules");
            return rules;
        }
        var i = 0;
        foreach (var r in e.EnumerateArray())
            if (Parse(r, $"{path}[{i++}]", errors) is { } rule) rules.Add(rule);
        return rules;
    }

    private static CompareOp? Op(JsonElement e, string name, string path, ErrorList errors)
    {
        if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var o) && o.ValueKind == JsonValueKind.String
            && Ops.TryGetValue(o.GetString()!, out var op)) return op;
        errors.Add($"{path}.{name}", "must be one of eq, neq, gt, gte, lt, lte, contains, exists, in");
        return null;
    }
}
