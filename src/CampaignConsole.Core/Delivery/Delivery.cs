namespace CampaignConsole.Core.Delivery;

public enum DeliveryStatus { Queued, Sent, Failed, Suppressed, HeldOut }

/// <summary>
/// A row of the outbox: one message to one contact, written in the same transaction as the decision
/// to send it. Its id is the idempotency key for channels and clients. In-app, on-site and inbox
/// messages are these rows too (<see cref="AckedAt"/>, <see cref="ReadAt"/>, <see cref="RemovedAt"/>).
/// </summary>
public sealed class Delivery
{
    public long Id { get; private set; }
    public long? JourneyId { get; private set; }
    public string CampaignId { get; private set; } = "";
    public long ContactId { get; private set; }
    /// <summary>The journey step that created it; unique with the journey, so a step re-run sends nothing twice.</summary>
    public int Step { get; private set; }
    public string Channel { get; private set; } = "";
    public DeliveryStatus Status { get; private set; }
    public string? Reason { get; private set; }
    public int Attempts { get; private set; }
    public DateTime DueAt { get; private set; }
    public DateTime? SentAt { get; private set; }
    /// <summary>The send stage as defined (Liquid templates), kept so a later campaign edit cannot change a queued message.</summary>
    public string TemplateJson { get; private set; } = "{}";
    /// <summary>What was sent, rendered: subject, title, body, url, data.</summary>
    public string? ContentJson { get; private set; }
    public string? ProviderMessageId { get; private set; }
    public DateTime? ExpiresAt { get; private set; }
    /// <summary>Ack, read and removal are set in bulk by AckWriter and InboxService (ExecuteUpdate), not through this entity.</summary>
    public DateTime? AckedAt { get; private set; }
    public DateTime? ReadAt { get; private set; }
    public DateTime? RemovedAt { get; private set; }
    public DateTime CreatedAt { get; private set; }

    private Delivery() { }

    public static Delivery Queue(long journeyId, string campaignId, long contactId, int step, string channel, string templateJson,
        DateTime? expiresAt, DateTime now) => new()
    {
        JourneyId = journeyId,
        CampaignId = campaignId,
        ContactId = contactId,
        Step = step,
        Channel = channel,
        Status = DeliveryStatus.Queued,
        DueAt = now,
        TemplateJson = templateJson,
        ExpiresAt = expiresAt,
        CreatedAt = now,
    };

    /// <summary>A one-off message from the console ("send test message"): no campaign journey behind it.</summary>
    public static Delivery Test(long contactId, string channel, string templateJson, DateTime? expiresAt, DateTime now) => new()
    {
        CampaignId = TestCampaignId,
        ContactId = contactId,
        Step = 0,
        Channel = channel,
        Status = DeliveryStatus.Queued,
        DueAt = now,
        TemplateJson = templateJson,
        ExpiresAt = expiresAt,
        CreatedAt = now,
    };

    public const string TestCampaignId = "test-message";

    /// <summary>A decision not to send, recorded so support staff can see why nothing arrived.</summary>
    public static Delivery NotSent(long? journeyId, string campaignId, long contactId, int step, string channel, DeliveryStatus status,
        string reason, DateTime now) => new()
    {
        JourneyId = journeyId,
        CampaignId = campaignId,
        ContactId = contactId,
        Step = step,
        Channel = channel,
        Status = status,
        Reason = reason,
        DueAt = now,
        CreatedAt = now,
    };

    public void MarkSent(string contentJson, string? providerMessageId, DateTime now)
    {
        Status = DeliveryStatus.Sent;
        ContentJson = contentJson;
        ProviderMessageId = providerMessageId;
        SentAt = now;
        Attempts++;
        Reason = null;
    }

    public void Retry(string reason, DateTime at)
    {
        Attempts++;
        Reason = reason;
        DueAt = at;
    }

    public void Fail(string reason, string? contentJson)
    {
        Attempts++;
        Status = DeliveryStatus.Failed;
        Reason = reason;
        ContentJson ??= contentJson;
    }

    public void Suppress(string reason)
    {
        Status = DeliveryStatus.Suppressed;
        Reason = reason;
    }
}
