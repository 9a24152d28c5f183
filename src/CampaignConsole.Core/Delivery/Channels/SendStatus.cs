namespace CampaignConsole.Core.Delivery;

public enum SendStatus
{
    Sent,
    /// <summary>Worth trying again later (timeouts, network errors, 408/429/5xx, SMTP 4xx).</summary>
    RetryableFailure,
    /// <summary>Retrying cannot help (bad address, rejected by the provider, channel not configured).</summary>
    PermanentFailure,
}
