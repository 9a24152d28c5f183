using System.Text.Json.Nodes;

namespace CampaignConsole.Core.Contacts;

/// <summary>A customer: known by a userId once identified, by anonymous ids before.</summary>
public sealed class Contact
{
    public long Id { get; private set; }
    public string? UserId { get; private set; }
    /// <summary>Profile traits as a JSON object; merged key by key on identify.</summary>
    public string TraitsJson { get; private set; } = "{}";
    /// <summary>IANA zone from the `timezone` trait (or the event context), for quiet hours.</summary>
    public string? TimeZone { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime LastSeenAt { get; private set; }

    private Contact() { }

    public static Contact Create(string? userId, DateTime now) =>
        new() { UserId = userId, CreatedAt = now, LastSeenAt = now };

    public JsonObject Traits => JsonNode.Parse(TraitsJson) as JsonObject ?? [];
}
