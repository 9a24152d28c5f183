namespace CampaignConsole.Core.Campaigns;

/// <summary>
/// A stored campaign: its definition as JSON (what the API and console edit), plus the few columns
/// the engine queries by. Status changes only through <see cref="Activate"/> and <see cref="Pause"/>.
/// </summary>
public sealed class Campaign
{
    public string Id { get; private set; } = "";
    public string Name { get; private set; } = "";
    public CampaignStatus Status { get; private set; }
    public string DefinitionJson { get; private set; } = "{}";
    public TriggerType TriggerType { get; private set; }
    public string? TriggerEvent { get; private set; }
    /// <summary>Contacts entered so far, for the targeting cap; incremented in the database, atomically.</summary>
    public int EnteredCount { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    private Campaign() { }

    public static Campaign Create(CampaignDefinition d, string json, DateTime now) => new()
    {
        Id = d.Id,
        Name = d.Name,
        Status = CampaignStatus.Draft,
        DefinitionJson = json,
        TriggerType = d.Trigger.Type,
        TriggerEvent = d.Trigger.Event,
        CreatedAt = now,
        UpdatedAt = now,
    };

    public void Update(CampaignDefinition d, string json, DateTime now)
    {
        Name = d.Name;
        DefinitionJson = json;
        TriggerType = d.Trigger.Type;
        TriggerEvent = d.Trigger.Event;
        UpdatedAt = now;
    }

    public void Activate(DateTime now)
    {
        Status = CampaignStatus.Active;
        UpdatedAt = now;
    }

    /// <summary>The schedule's end has passed: nothing more enters; journeys under way finish.</summary>
    public void End(DateTime now)
    {
        Status = CampaignStatus.Ended;
        UpdatedAt = now;
    }

    public void Pause(DateTime now)
    {
        Status = CampaignStatus.Paused;
        UpdatedAt = now;
    }
}
