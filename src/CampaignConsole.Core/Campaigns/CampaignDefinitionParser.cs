using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignConsole.Core.Common;
using CampaignConsole.Core.Segments;
using CampaignConsole.Core.Templates;

namespace CampaignConsole.Core.Campaigns;

/// <summary>
/// Reads and validates a campaign definition. Every fault is reported with its JSON path, templates
/// with the line and column of the fault, so a refused save says exactly what to fix.
/// </summary>
public static class CampaignDefinitionParser
{
    public static readonly IReadOnlySet<string> KnownChannels =
        new HashSet<string>(StringComparer.Ordinal) { "in-app", "on-site", "inbox", "email", "sms", "push", "webhook" };

    public static CampaignDefinition? Parse(JsonElement root, ITemplateRenderer templates, ErrorList errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("", "the campaign must be a JSON object");
            return null;
        }
        var id = Str(root, "id");
        if (id is null || !SegmentService.Slug().IsMatch(id)) errors.Add("id", "must be 1-100 characters: letters, digits, '-' or '_'");
        var name = Str(root, "name");
        if (string.IsNullOrWhiteSpace(name)) errors.Add("name", "is required");

        var trigger = Trigger(root, errors);
        var audience = Audience(root, errors);
        var frequency = Frequency(root, trigger, errors);
        var stages = root.TryGetProperty("stages", out var st)
            ? Stages(st, "stages", templates, errors)
            : [];
        if (stages.Count == 0 && !errors.Any) errors.Add("stages", "needs at least one stage that sends");
        else if (!SendsSomething(stages)) errors.Add("stages", "no stage sends a message");

        var stopOn = new List<StopCondition>();
        if (root.TryGetProperty("stopOn", out var stops) && stops.ValueKind != JsonValueKind.Null)
        {
            if (stops.ValueKind != JsonValueKind.Array) errors.Add("stopOn", "must be an array");
            else
            {
                var i = 0;
                foreach (var s in stops.EnumerateArray())
                {
                    var p = $"stopOn[{i++}]";
                    var ev = s.ValueKind == JsonValueKind.Object ? Str(s, "event") : null;
                    if (string.IsNullOrWhiteSpace(ev)) errors.Add(p + ".event", "is required");
                    else stopOn.Add(new StopCondition(ev, RuleParser.Where(s, p, errors)));
                }
            }
        }

        Goal? goal = null;
        if (root.TryGetProperty("goal", out var g) && g.ValueKind == JsonValueKind.Object)
        {
            var ev = Str(g, "event");
            var within = RuleParser.Duration(g, "within", "goal", errors) ?? TimeSpan.FromDays(1);
            if (string.IsNullOrWhiteSpace(ev)) errors.Add("goal.event", "is required");
            else goal = new Goal(ev, within);
        }

        var control = Int(root, "controlGroupPercent", errors) ?? 0;
        if (control is < 0 or > 100) errors.Add("controlGroupPercent", "must be between 0 and 100");
        var cap = Int(root, "targetingCap", errors);
        if (cap is < 1) errors.Add("targetingCap", "must be at least 1, or null for no cap");
        var schedule = Schedule(root, errors);
        var respect = !root.TryGetProperty("respectGlobalCaps", out var rg) || rg.ValueKind != JsonValueKind.False;

        if (errors.Any || trigger is null) return null;
        return new CampaignDefinition(id!, name!.Trim(), trigger, audience, frequency, stages, stopOn, goal, control, cap, schedule, respect);
    }

    /// <summary>Each Liquid field that does not parse is reported under <paramref name="prefix"/> + its name, with line and column.</summary>
    public static void ValidateTemplates(ITemplateRenderer templates, ErrorList errors, string prefix, params (string Field, string? Template)[] fields)
    {
        foreach (var (field, template) in fields)
        {
            if (template is null) continue;
            foreach (var err in templates.Validate(template).Errors) errors.Add(prefix + field, err.ToString());
        }
    }

    /// <summary>Every event name the definition depends on, to check they are known event types.</summary>
    public static IEnumerable<(string Path, string Event)> ReferencedEvents(CampaignDefinition d)
    {
        if (d.Trigger.Event is { } t) yield return ("trigger.event", t);
        for (var i = 0; i < d.StopOn.Count; i++) yield return ($"stopOn[{i}].event", d.StopOn[i].Event);
        if (d.Goal is { } g) yield return ("goal.event", g.Event);
    }

    private static CampaignTrigger? Trigger(JsonElement root, ErrorList errors)
    {
        if (!root.TryGetProperty("trigger", out var t) || t.ValueKind != JsonValueKind.Object)
        {
            errors.Add("trigger", "is required");
            return null;
        }
        TriggerType? type = Str(t, "type") switch
        {
            "event" => TriggerType.Event,
            "system-event" => TriggerType.SystemEvent,
            "api" => TriggerType.Api,
            "user-property" => TriggerType.UserProperty,
            _ => null,
        };
        if (type is null)
        {
            errors.Add("trigger.type", "must be one of event, system-event, api, user-property");
            return null;
        }
        var ev = Str(t, "event");
        if (type is TriggerType.Event or TriggerType.SystemEvent && string.IsNullOrWhiteSpace(ev))
            errors.Add("trigger.event", "is required for this trigger type");
        var property = Str(t, "property");
        var equals = t.TryGetProperty("equals", out var eq) ? eq.Clone() : default;
        if (type == TriggerType.UserProperty)
        {
            if (string.IsNullOrWhiteSpace(property)) errors.Add("trigger.property", "is required for a user-property trigger");
            if (equals.ValueKind == JsonValueKind.Undefined) errors.Add("trigger.equals", "is required for a user-property trigger");
            ev = "identify";
        }
        return new CampaignTrigger(type.Value, ev, RuleParser.Where(t, "trigger", errors), property, equals);
    }

    private static Audience? Audience(JsonElement root, ErrorList errors)
    {
        if (!root.TryGetProperty("audience", out var a) || a.ValueKind == JsonValueKind.Null) return null;
        if (a.ValueKind != JsonValueKind.Object)
        {
            errors.Add("audience", "must be an object");
            return null;
        }
        var segment = Str(a, "segment");
        Rule? rules = a.TryGetProperty("rules", out var r) && r.ValueKind != JsonValueKind.Null ? RuleParser.Parse(r, "audience.rules", errors) : null;
        var mode = Str(a, "mode") ?? "dynamic";
        if (mode is not ("dynamic" or "one-off")) errors.Add("audience.mode", "must be dynamic or one-off");
        return new Audience(segment, rules, mode);
    }

    private static Frequency Frequency(JsonElement root, CampaignTrigger? trigger, ErrorList errors)
    {
        // A user-property trigger fires once by nature (seed 004): anything else would resend on every identify.
        if (trigger?.Type == TriggerType.UserProperty) return new Frequency(FrequencyMode.Once, null);
        if (!root.TryGetProperty("frequency", out var f) || f.ValueKind == JsonValueKind.Null) return Campaigns.Frequency.EachTime;
        var mode = Str(f, "mode");
        switch (mode)
        {
            case "each-time": return Campaigns.Frequency.EachTime;
            case "once": return new Frequency(FrequencyMode.Once, null);
            case "once-per":
                var period = RuleParser.Duration(f, "period", "frequency", errors);
                if (period is null && !f.TryGetProperty("period", out _)) errors.Add("frequency.period", "is required for once-per");
                return new Frequency(FrequencyMode.OncePer, period ?? TimeSpan.FromHours(1));
            default:
                errors.Add("frequency.mode", "must be each-time, once or once-per");
                return Campaigns.Frequency.EachTime;
        }
    }

    private static List<Stage> Stages(JsonElement e, string path, ITemplateRenderer templates, ErrorList errors)
    {
        var stages = new List<Stage>();
        if (e.ValueKind != JsonValueKind.Array)
        {
            errors.Add(path, "must be an array of stages");
            return stages;
        }
        var i = 0;
        foreach (var s in e.EnumerateArray())
        {
            var p = $"{path}[{i++}]";
            if (s.ValueKind != JsonValueKind.Object) { errors.Add(p, "must be an object"); continue; }
            if (s.TryGetProperty("wait", out _))
            {
                if (RuleParser.Duration(s, "wait", p, errors) is { } d) stages.Add(new WaitStage(d));
            }
            else if (s.TryGetProperty("send", out var send))
            {
                if (Send(send, p + ".send", templates, errors) is { } spec) stages.Add(new SendStage(spec));
            }
            else if (s.TryGetProperty("if", out var cond))
            {
                var rule = RuleParser.Parse(cond, p + ".if", errors);
                var then = s.TryGetProperty("then", out var th) ? Stages(th, p + ".then", templates, errors) : [];
                var @else = s.TryGetProperty("else", out var el) ? Stages(el, p + ".else", templates, errors) : [];
                if (rule is not null) stages.Add(new IfStage(rule, then, @else));
            }
            else errors.Add(p, "must be a wait, send or if stage");
        }
        return stages;
    }

    private static SendSpec? Send(JsonElement s, string p, ITemplateRenderer templates, ErrorList errors)
    {
        if (s.ValueKind != JsonValueKind.Object) { errors.Add(p, "must be an object"); return null; }
        var channel = Str(s, "channel");
        if (channel is null || !KnownChannels.Contains(channel))
        {
            errors.Add(p + ".channel", "must be one of " + string.Join(", ", KnownChannels));
            return null;
        }
        var body = Str(s, "body");
        if (string.IsNullOrEmpty(body)) errors.Add(p + ".body", "is required");
        var subject = Str(s, "subject");
        var title = Str(s, "title");
        var url = Str(s, "url");
        if (channel == "webhook" && string.IsNullOrWhiteSpace(url)) errors.Add(p + ".url", "is required for a webhook");
        if (channel == "email" && string.IsNullOrWhiteSpace(subject)) errors.Add(p + ".subject", "is required for an email");
        ValidateTemplates(templates, errors, p + ".", ("subject", subject), ("title", title), ("body", body), ("url", url));
        var expiresIn = RuleParser.Duration(s, "expiresIn", p, errors);
        JsonObject? data = s.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? JsonNode.Parse(d.GetRawText()) as JsonObject : null;
        return body is null ? null : new SendSpec(channel, subject, title, body, url, expiresIn, data);
    }

    private static CampaignSchedule? Schedule(JsonElement root, ErrorList errors)
    {
        if (!root.TryGetProperty("schedule", out var s) || s.ValueKind != JsonValueKind.Object) return null;
        DateTime? Date(string name)
        {
            if (!s.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
            if (v.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(v.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d))
                return d.UtcDateTime;
            errors.Add("schedule." + name, "must be an ISO 8601 date-time or null");
            return null;
        }
        var start = Date("start");
        var end = Date("end");
        if (start is not null && end is not null && end <= start) errors.Add("schedule.end", "must be after schedule.start");
        var userTz = s.TryGetProperty("userTimeZone", out var u) && u.ValueKind == JsonValueKind.True;
        QuietHours? quiet = null;
        if (s.TryGetProperty("quietHours", out var q) && q.ValueKind == JsonValueKind.Object)
        {
            TimeOnly? Time(string name)
            {
                var text = Str(q, name);
                if (text is not null && TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)) return t;
                errors.Add("schedule.quietHours." + name, "must be a time HH:mm");
                return null;
            }
            var from = Time("from");
            var to = Time("to");
            QuietAction? action = (Str(q, "action") ?? "delay") switch { "delay" => QuietAction.Delay, "skip" => QuietAction.Skip, _ => null };
            if (action is null) errors.Add("schedule.quietHours.action", "must be delay or skip");
            if (from is not null && to is not null && action is not null) quiet = new QuietHours(from.Value, to.Value, action.Value);
        }
        return new CampaignSchedule(start, end, userTz, quiet);
    }

    private static bool SendsSomething(IEnumerable<Stage> stages) => stages.Any(s => s switch
    {
        SendStage => true,
        IfStage i => SendsSomething(i.Then) || SendsSomething(i.Else),
        _ => false,
    });

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? Int(JsonElement e, string name, ErrorList errors)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.TryGetInt32(out var i)) return i;
        errors.Add(name, "must be a whole number");
        return null;
    }
}
