namespace CampaignConsole.Core.Campaigns;

/// <summary>Per contact and campaign: when they last entered. The frequency rule is enforced on this row.</summary>
public sealed class FrequencyClaim
{
    public string CampaignId { get; private set; } = "";
    public long ContactId { get; private set; }
    public DateTime LastEnteredAt { get; private set; }
}

/// <summary>How far the engine has processed the event log (the highest event id matched).</summary>
public sealed class EngineCursor
{
    public string Name { get; private set; } = "";
    public long Position { get; set; }

    private EngineCursor() { }

    public static EngineCursor Create(string name) => new() { Name = name };
}

public enum FanOutStatus { Running, Done }

/// <summary>
/// A system event being delivered to a campaign's audience. <see cref="LastContactId"/> advances in
/// the same transaction as each batch's entries, so a restart resumes where it stopped.
/// </summary>
public sealed class FanOut
{
    public long Id { get; private set; }
    public string CampaignId { get; private set; } = "";
    public long EventId { get; private set; }
    public long LastContactId { get; set; }
    public int Scanned { get; set; }
    public int Entered { get; set; }
    public FanOutStatus Status { get; set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; set; }

    private FanOut() { }

    public static FanOut Start(string campaignId, long eventId, DateTime now) =>
        new() { CampaignId = campaignId, EventId = eventId, CreatedAt = now, UpdatedAt = now };
}
