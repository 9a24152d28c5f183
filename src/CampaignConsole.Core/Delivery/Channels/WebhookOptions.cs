using System.ComponentModel.DataAnnotations;

namespace CampaignConsole.Core.Delivery;

/// <summary>Outgoing webhooks. Bound from the "Webhooks" section.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>How long one POST may take, connect to last byte. Default 10 s.</summary>
    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 10;
}
