using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignConsole.Core.Segments;

namespace CampaignConsole.Core.Campaigns;

/// <summary>A campaign as marketers define it: the JSON of CONTRACT.md ("Campaigns as JSON"), parsed.</summary>
public sealed record CampaignDefinition(
    string Id,
    string Name,
    CampaignTrigger Trigger,
    Audience? Audience,
    Frequency Frequency,
    IReadOnlyList<Stage> Stages,
    IReadOnlyList<StopCondition> StopOn,
    Goal? Goal,
    int ControlGroupPercent,
    int? TargetingCap,
    CampaignSchedule? Schedule,
    bool RespectGlobalCaps);

public enum TriggerType { Event, SystemEvent, Api, UserProperty }

/// <summary>What starts the campaign. <see cref="Event"/> for event / system-event triggers; property + equals for user-property.</summary>
public sealed record CampaignTrigger(TriggerType Type, string? Event, IReadOnlyList<FieldCondition> Where, string? Property, JsonElement EqualsValue);

/// <summary>Who may enter: a saved segment and/or inline rules (both must match).</summary>
public sealed record Audience(string? SegmentId, Rule? Rules, string Mode);

public enum FrequencyMode { EachTime, Once, OncePer }

public sealed record Frequency(FrequencyMode Mode, TimeSpan? Period)
{
    public static readonly Frequency EachTime = new(FrequencyMode.EachTime, null);
}

public abstract record Stage;

public sealed record WaitStage(TimeSpan Duration) : Stage;

public sealed record SendStage(SendSpec Send) : Stage;

public sealed record IfStage(Rule Condition, IReadOnlyList<Stage> Then, IReadOnlyList<Stage> Else) : Stage;

/// <summary>One message. Subject, title, body and url are Liquid templates.</summary>
public sealed record SendSpec(string Channel, string? Subject, string? Title, string Body, string? Url, TimeSpan? ExpiresIn, JsonObject? Data);

public sealed record StopCondition(string Event, IReadOnlyList<FieldCondition> Where);

public sealed record Goal(string Event, TimeSpan Within);

public sealed record CampaignSchedule(DateTime? Start, DateTime? End, bool UserTimeZone, QuietHours? QuietHours);

public enum QuietAction { Delay, Skip }

/// <summary>Local times (in the contact's zone when userTimeZone) when nothing is sent; may wrap midnight.</summary>
public sealed record QuietHours(TimeOnly From, TimeOnly To, QuietAction Action);
