namespace CampaignConsole.Core.Campaigns;

public enum JourneyStatus { Active, Completed, Stopped, HeldOut }

/// <summary>
/// One contact's pass through a campaign, started by one trigger. <see cref="TriggerKey"/> is unique
/// per campaign and contact, so a trigger processed twice (a retry, a restart) enters once.
/// </summary>
public sealed class Journey
{
    public long Id { get; private set; }
    public string CampaignId { get; private set; } = "";
    public long ContactId { get; private set; }
    public string TriggerKey { get; private set; } = "";
    public long? TriggerEventId { get; private set; }
    /// <summary>The triggering event's context: `Event.*` in templates, `$field` in rules.</summary>
    public string? EventJson { get; private set; }
    /// <summary>An API trigger's merged payload: `ExternalTrigger.*` in templates.</summary>
    public string? PayloadJson { get; private set; }
    public JourneyStatus Status { get; private set; }
    /// <summary>The next instruction of the campaign's compiled stages.</summary>
    public int Step { get; private set; }
    public DateTime? NextRunAt { get; private set; }
    public string? EndReason { get; private set; }
    public DateTime? ConvertedAt { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    private Journey() { }

    public static Journey Start(string campaignId, long contactId, string triggerKey, long? eventId, string? eventJson, string? payloadJson,
        bool heldOut, DateTime now) => new()
    {
        CampaignId = campaignId,
        ContactId = contactId,
        TriggerKey = triggerKey,
        TriggerEventId = eventId,
        EventJson = eventJson,
        PayloadJson = payloadJson,
        Status = heldOut ? JourneyStatus.HeldOut : JourneyStatus.Active,
        NextRunAt = heldOut ? null : now,
        EndReason = heldOut ? "control group" : null,
        CreatedAt = now,
        UpdatedAt = now,
    };

    public void WaitUntil(int step, DateTime at, DateTime now)
    {
        Step = step;
        NextRunAt = at;
        UpdatedAt = now;
    }

    public void Advance(int step, DateTime now)
    {
        Step = step;
        UpdatedAt = now;
    }

    public void Complete(DateTime now)
    {
        Status = JourneyStatus.Completed;
        NextRunAt = null;
        UpdatedAt = now;
    }

    public void Stop(string reason, DateTime now)
    {
        Status = JourneyStatus.Stopped;
        EndReason = reason;
        NextRunAt = null;
        UpdatedAt = now;
    }

    public void Convert(DateTime at)
    {
        ConvertedAt ??= at;
    }
}
