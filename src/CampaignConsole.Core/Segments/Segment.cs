namespace CampaignConsole.Core.Segments;

/// <summary>A named, reusable audience rule.</summary>
public sealed class Segment
{
    public string Id { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string RulesJson { get; private set; } = "{}";
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    private Segment() { }

    public static Segment Create(string id, string name, string rulesJson, DateTime now) =>
        new() { Id = id, Name = name, RulesJson = rulesJson, CreatedAt = now, UpdatedAt = now };

    public void Update(string name, string rulesJson, DateTime now)
    {
        Name = name;
        RulesJson = rulesJson;
        UpdatedAt = now;
    }
}
