using System.Globalization;
using System.Text.Json;
using CampaignConsole.Core.Campaigns;
using CampaignConsole.Core.Segments;

namespace CampaignConsole.Web.Components.Campaigns;

/// <summary>A campaign definition in words, for the summary beside its JSON.</summary>
internal static class CampaignText
{
    public static string Trigger(TriggerType type, string? ev) => type switch
    {
        TriggerType.Event => $"event · {ev}",
        TriggerType.SystemEvent => $"system event · {ev}",
        TriggerType.Api => "API trigger",
        TriggerType.UserProperty => "user property",
        _ => type.ToString(),
    };

    public static string Trigger(CampaignTrigger t)
    {
        var text = t.Type == TriggerType.UserProperty
            ? $"when a profile's {t.Property} becomes {t.EqualsValue.GetRawText()}"
            : Trigger(t.Type, t.Event);
        return t.Where.Count == 0 ? text : $"{text} where {Conditions(t.Where)}";
    }

    public static string Audience(Audience? a)
    {
        if (a is null) return "everyone";
        var parts = new List<string>();
        if (a.SegmentId is not null) parts.Add($"segment {a.SegmentId}");
        if (a.Rules is not null) parts.Add(Rule(a.Rules));
        return (parts.Count == 0 ? "everyone" : string.Join(" and ", parts)) + $" ({a.Mode})";
    }

    public static string Frequency(Frequency f) => f.Mode switch
    {
        FrequencyMode.Once => "once per customer",
        FrequencyMode.OncePer => $"at most once per {Duration(f.Period ?? TimeSpan.Zero)} per customer",
        _ => "each time the trigger fires",
    };

    /// <summary>Stages in order, nested branches indented with their depth.</summary>
    public static IEnumerable<(int Depth, string Text)> Stages(IReadOnlyList<Stage> stages, int depth = 0)
    {
        for (var i = 0; i < stages.Count; i++)
        {
            var n = $"{i + 1}.";
            switch (stages[i])
            {
                case WaitStage w:
                    yield return (depth, $"{n} wait {Duration(w.Duration)}");
                    break;
                case SendStage s:
                    yield return (depth, $"{n} send {s.Send.Channel}: {s.Send.Subject ?? s.Send.Title ?? Shorten(s.Send.Body)}");
                    break;
                case IfStage c:
                    yield return (depth, $"{n} if {Rule(c.Condition)}");
                    yield return (depth + 1, c.Then.Count == 0 ? "then: nothing" : "then:");
                    foreach (var line in Stages(c.Then, depth + 2)) yield return line;
                    yield return (depth + 1, c.Else.Count == 0 ? "else: nothing" : "else:");
                    foreach (var line in Stages(c.Else, depth + 2)) yield return line;
                    break;
            }
        }
    }

    public static string StopOn(IReadOnlyList<StopCondition> stops) =>
        stops.Count == 0 ? "none" : string.Join("; ", stops.Select(s => s.Where.Count == 0 ? s.Event : $"{s.Event} where {Conditions(s.Where)}"));

    public static string Goal(Goal? g) => g is null ? "none" : $"{g.Event} within {Duration(g.Within)}";

    public static string Cap(int? cap) => cap is { } c ? $"{c:N0} customers" : "no cap";

    public static string Schedule(CampaignSchedule? s)
    {
        if (s is null) return "always";
        var window = (s.Start, s.End) switch
        {
            (null, null) => "always",
            ({ } a, null) => $"from {a:yyyy-MM-dd HH:mm} UTC",
            (null, { } b) => $"until {b:yyyy-MM-dd HH:mm} UTC",
            ({ } a, { } b) => $"{a:yyyy-MM-dd HH:mm} – {b:yyyy-MM-dd HH:mm} UTC",
        };
        return s.UserTimeZone ? window + ", in each customer's time zone" : window;
    }

    public static string QuietHours(CampaignSchedule? s) => s?.QuietHours is { } q
        ? $"{q.From:HH\\:mm}–{q.To:HH\\:mm}, {(q.Action == QuietAction.Delay ? "delay until after" : "skip")}"
        : "none";

    public static string Rule(Rule rule) => rule switch
    {
        AllRule a => "(" + string.Join(" and ", a.Rules.Select(Rule)) + ")",
        AnyRule a => "(" + string.Join(" or ", a.Rules.Select(Rule)) + ")",
        NotRule n => "not " + Rule(n.Rule),
        AttributeRule a => $"{a.Attribute} {Op(a.Op)} {Value(a.Value)}",
        EventCountRule e => $"did {e.Event} {Op(e.CountOp)} {e.CountValue} times"
            + (e.Within is { } w ? $" in {Duration(w)}" : "")
            + (e.Where.Count > 0 ? $" where {Conditions(e.Where)}" : ""),
        LastEventRule l => $"last {l.Event} {Op(l.Op)} {l.Days.ToString(CultureInfo.InvariantCulture)} days ago",
        _ => rule.ToString() ?? "",
    };

    public static string Duration(TimeSpan d)
    {
        if (d.TotalDays >= 1 && d.Ticks % TimeSpan.TicksPerDay == 0) return Plural((int)d.TotalDays, "day");
        if (d.TotalHours >= 1 && d.Ticks % TimeSpan.TicksPerHour == 0) return Plural((int)d.TotalHours, "hour");
        if (d.TotalMinutes >= 1 && d.Ticks % TimeSpan.TicksPerMinute == 0) return Plural((int)d.TotalMinutes, "minute");
        return Plural((int)d.TotalSeconds, "second");
    }

    private static string Plural(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";

    private static string Conditions(IEnumerable<FieldCondition> where) =>
        string.Join(" and ", where.Select(w => $"{w.Field} {Op(w.Op)} {Value(w.Value)}"));

    private static string Op(CompareOp op) => op switch
    {
        CompareOp.Eq => "=", CompareOp.Neq => "≠", CompareOp.Gt => ">", CompareOp.Gte => "≥", CompareOp.Lt => "<", CompareOp.Lte => "≤",
        CompareOp.Contains => "contains", CompareOp.Exists => "exists", CompareOp.In => "in", _ => op.ToString(),
    };

    private static string Value(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Undefined => "",
        JsonValueKind.String => $"'{v.GetString()}'",
        _ => v.GetRawText(),
    };

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "…";
}
