using System.ComponentModel.DataAnnotations;

namespace CampaignConsole.Core.Delivery;

/// <summary>
/// Firebase Cloud Messaging (HTTP v1). Bound from the "Push:Fcm" section. Optional at startup: until a
/// credential is set, push sends fail permanently with a message saying so.
/// </summary>
public sealed class FcmOptions
{
    public const string Section = "Push:Fcm";

    /// <summary>Firebase project id. Defaults to the service account's <c>project_id</c>.</summary>
    public string? ProjectId { get; set; }

    [Url]
    public string BaseUrl { get; set; } = "https://fcm.googleapis.com";

    /// <summary>A ready OAuth2 bearer token (tests, or a proxy that adds its own). Wins over ServiceAccountJson.</summary>
    public string? AccessToken { get; set; }

    /// <summary>A service account key: the path of its JSON file, or the JSON itself.</summary>
    public string? ServiceAccountJson { get; set; }

    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 10;
}
