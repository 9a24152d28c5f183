using System.Text.Json.Nodes;
using CampaignConsole.Core.Segments;

namespace CampaignConsole.Core.Tests.Segments;

/// <summary>A contact's traits and event history in memory, answering as the database-backed facts do.</summary>
internal sealed class FakeContactFacts(string traitsJson = "{}") : IContactFacts
{
    private readonly List<(string Name, DateTime At, JsonObject Properties)> _events = [];

    public JsonObject Traits { get; } = JsonNode.Parse(traitsJson)!.AsObject();

    public FakeContactFacts Did(string name, DateTime at, string propertiesJson = "{}")
    {
        _events.Add((name, at, JsonNode.Parse(propertiesJson)!.AsObject()));
        return this;
    }

    public Task<IReadOnlyList<JsonObject>> EventPropertiesAsync(string eventName, DateTime? since, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<JsonObject>>(_events
            .Where(e => e.Name == eventName && (since is null || e.At >= since))
            .OrderByDescending(e => e.At).Select(e => e.Properties).ToList());

    public Task<DateTime?> LastEventAtAsync(string eventName, CancellationToken ct) =>
        Task.FromResult(_events.Where(e => e.Name == eventName).Select(e => (DateTime?)e.At).Max());
}
