namespace CampaignConsole.Core.Events.Ingest;

/// <summary>A newly stored event (never a duplicate), as handed to the engine after commit.</summary>
public sealed record IngestedEvent(
    long EventId,
    int SourceId,
    long? ContactId,
    string Type,
    string Name,
    string PropertiesJson,
    DateTime Timestamp);

/// <summary>What a write did: how many messages were new and how many were retries already stored.</summary>
public sealed record IngestResult(int Stored, int Duplicates, IReadOnlyList<IngestedEvent> Events);
