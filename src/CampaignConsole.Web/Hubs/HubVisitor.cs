namespace CampaignConsole.Web.Hubs;

/// <summary>
/// Who a hub connection speaks for, established once when it connects: a verified user id, or an
/// anonymous visitor id. Groups are named after it, so a page can connect before the contact exists.
/// </summary>
public sealed record HubVisitor(int SourceId, string? UserId, string? AnonymousId)
{
    public string Group => UserId is not null ? UserGroup(UserId) : AnonymousGroup(AnonymousId!);

    public static string UserGroup(string userId) => "u:" + userId;

    public static string AnonymousGroup(string anonymousId) => "a:" + anonymousId;
}
