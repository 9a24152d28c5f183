namespace CampaignConsole.Core.Events;

/// <summary>One ingested message, stored once per (source, messageId).</summary>
public sealed class StoredEvent
{
    public long Id { get; private set; }
    public int SourceId { get; private set; }
    public string MessageId { get; private set; } = "";
    /// <summary>Null for system events, which belong to no one customer.</summary>
    public long? ContactId { get; private set; }
    /// <summary>track, identify, page, screen, group, alias, or system.</summary>
    public string Type { get; private set; } = "";
    public string Name { get; private set; } = "";
    /// <summary>The event's context in the product's sense: track properties, identify traits, a system event's context.</summary>
    public string PropertiesJson { get; private set; } = "{}";
    /// <summary>Segment's `context` object (library, page, ip…), kept for support staff.</summary>
    public string? ContextJson { get; private set; }
    public string? UserId { get; private set; }
    public string? AnonymousId { get; private set; }
    public DateTime Timestamp { get; private set; }
    public DateTime ReceivedAt { get; private set; }

    private StoredEvent() { }

    public static StoredEvent System(int sourceId, string messageId, string name, string propertiesJson, DateTime now) => new()
    {
        SourceId = sourceId,
        MessageId = messageId,
        Type = "system",
        Name = name,
        PropertiesJson = propertiesJson,
        Timestamp = now,
        ReceivedAt = now,
    };
}
