namespace CampaignConsole.Core.Contacts;

/// <summary>An anonymous id (a browser, a device) that belongs to a contact.</summary>
public sealed class ContactAlias
{
    public string AnonymousId { get; private set; } = "";
    public long ContactId { get; private set; }
    public DateTime CreatedAt { get; private set; }

    private ContactAlias() { }
}
