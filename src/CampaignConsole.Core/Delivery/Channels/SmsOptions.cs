using System.ComponentModel.DataAnnotations;

namespace CampaignConsole.Core.Delivery;

/// <summary>
/// Twilio (or a Twilio-compatible API). Bound from the "Sms" section. Optional at startup:
/// until AccountSid, AuthToken and From are set, SMS sends fail permanently with a message saying so.
/// </summary>
public sealed class SmsOptions
{
    public const string Section = "Sms";

    [Url]
    public string BaseUrl { get; set; } = "https://api.twilio.com";

    public string? AccountSid { get; set; }

    public string? AuthToken { get; set; }

    /// <summary>The sending number (E.164), or a Messaging Service SID (starts with "MG").</summary>
    public string? From { get; set; }

    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 10;
}
