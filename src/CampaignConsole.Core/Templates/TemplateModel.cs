using System.Text.Json.Nodes;

namespace CampaignConsole.Core.Templates;

/// <summary>
/// What a template can see. JSON because traits, event properties and trigger payloads are stored as JSON.
/// </summary>
/// <param name="Profile">The contact's traits, as <c>Profile.*</c>.</param>
/// <param name="Event">The triggering event's properties, as <c>Event.*</c> and <c>client.eventContext.*</c>.</param>
/// <param name="ExternalTrigger">An API trigger's payload, as <c>ExternalTrigger.*</c>.</param>
public sealed record TemplateModel(
    JsonObject? Profile = null,
    JsonObject? Event = null,
    JsonObject? ExternalTrigger = null)
{
    /// <summary>A model with no data: every variable renders empty.</summary>
    public static TemplateModel Empty { get; } = new();
}
