namespace CampaignConsole.Core.Delivery;

/// <summary>What happened to one send. Detail is human-readable, for the timeline and logs.</summary>
public sealed record SendOutcome(SendStatus Status, string? Detail, string? ProviderMessageId = null)
{
    public static SendOutcome Sent(string? providerMessageId, string? detail = null) => new(SendStatus.Sent, detail, providerMessageId);

    public static SendOutcome Retryable(string detail) => new(SendStatus.RetryableFailure, detail);

    public static SendOutcome Permanent(string detail) => new(SendStatus.PermanentFailure, detail);
}
