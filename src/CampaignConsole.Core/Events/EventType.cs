namespace CampaignConsole.Core.Events;

/// <summary>A named kind of event. Unseen names arriving through the API register in "Other".</summary>
public sealed class EventType
{
    public const string DefaultCategory = "Other";

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Category { get; private set; } = DefaultCategory;
    public EventKind Kind { get; private set; }
    public string? Description { get; private set; }
    public bool AutoRegistered { get; private set; }
    public DateTime CreatedAt { get; private set; }

    private EventType() { }

    public static EventType Create(string name, string? category, EventKind kind, string? description, DateTime now) => new()
    {
        Name = name,
        Category = string.IsNullOrWhiteSpace(category) ? DefaultCategory : category.Trim(),
        Kind = kind,
        Description = description,
        CreatedAt = now,
    };

    public void Update(string? category, EventKind kind, string? description)
    {
        Category = string.IsNullOrWhiteSpace(category) ? DefaultCategory : category.Trim();
        Kind = kind;
        Description = description;
        AutoRegistered = false;
    }
}
