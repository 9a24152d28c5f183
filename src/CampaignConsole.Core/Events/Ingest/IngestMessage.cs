namespace CampaignConsole.Core.Events.Ingest;

/// <summary>One validated Segment-spec message. JSON parts are kept as raw text: stored as they came.</summary>
public sealed record IngestMessage(
    string Type,
    string MessageId,
    string? UserId,
    string? AnonymousId,
    string Name,
    string PropertiesJson,
    string? TraitsJson,
    string? ContextJson,
    DateTime Timestamp,
    string? PreviousId,
    string? TimeZone);
