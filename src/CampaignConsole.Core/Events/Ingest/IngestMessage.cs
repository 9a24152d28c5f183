namespace CampaignConsole.Core.Events.Ingest;

/// <summary>
/// One validated Segment-spec message. JSON parts are kept as raw text: stored as they came.
/// <see cref="TimeZone"/> is the `timezone` trait (it sets the profile's zone); <see cref="ContextTimeZone"/>
/// is the device's zone from the context, used only while the profile has none.
/// </summary>
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
    string? TimeZone,
    string? ContextTimeZone = null);
