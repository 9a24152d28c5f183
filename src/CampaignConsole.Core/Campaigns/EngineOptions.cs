using System.ComponentModel.DataAnnotations;

namespace CampaignConsole.Core.Campaigns;

public sealed class EngineOptions
{
    public const string Section = "Engine";

    /// <summary>Messages a contact may receive per 24 hours across campaigns that respect global caps; 0 turns the cap off.</summary>
    [Range(0, 10_000)]
    public int GlobalDailyCap { get; set; } = 20;

    /// <summary>Send attempts before a delivery is dead-lettered as failed.</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>First retry delay; doubles per attempt (with jitter), capped at <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Deliveries sent at once by the dispatcher (slow webhooks must not block the rest).</summary>
    [Range(1, 256)]
    public int SendConcurrency { get; set; } = 16;

    /// <summary>How long an on-site message waits for its visitor to come online before it expires.</summary>
    public TimeSpan OnSiteExpiry { get; set; } = TimeSpan.FromHours(24);
}
