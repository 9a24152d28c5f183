namespace CampaignConsole.Core.Delivery;

/// <summary>Channel names as they appear in campaign JSON.</summary>
public static class Channels
{
    public const string InApp = "in-app", OnSite = "on-site", Inbox = "inbox", Email = "email", Sms = "sms", Push = "push", Webhook = "webhook";
}
