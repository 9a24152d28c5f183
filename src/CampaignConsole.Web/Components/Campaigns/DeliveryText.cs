using CampaignConsole.Core.Delivery;

namespace CampaignConsole.Web.Components.Campaigns;

/// <summary>Delivery statuses as the console shows them.</summary>
internal static class DeliveryText
{
    public static string Status(DeliveryStatus status) => status switch
    {
        DeliveryStatus.HeldOut => "held out",
        _ => status.ToString().ToLowerInvariant(),
    };
}
