using System.Text.Json;
using CampaignConsole.Core.Events.Ingest;

namespace CampaignConsole.Core.Tests.Events.Ingest;

internal static class IngestJson
{
    public static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>Parses a body as <c>/v1/batch</c> (impliedType null) or a single-message route would.</summary>
    public static BatchParser.Parsed Parse(string json, string? impliedType = null, DateTime? now = null)
    {
        using var doc = JsonDocument.Parse(json);
        return BatchParser.Parse(doc.RootElement, impliedType, now ?? Now);
    }

    public static IngestMessage Single(string json, string? impliedType = null)
    {
        var parsed = Parse(json, impliedType ?? "track");
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors.Select(e => $"{e.Key}: {string.Join(",", e.Value)}")));
        return Assert.Single(parsed.Messages);
    }
}
