using Mediator;

namespace CampaignConsole.Core.Campaigns;

/// <summary>A stored event, published to the engine's handlers in event-id order after it is committed.</summary>
public sealed record EventCommitted(long EventId, long? ContactId, string Type, string Name, string PropertiesJson, DateTime Timestamp) : INotification
{
    public bool IsSystem => Type == "system";
}
