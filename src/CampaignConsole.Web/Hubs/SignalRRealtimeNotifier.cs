using System.Globalization;
using CampaignConsole.Core.Delivery;
using CampaignConsole.Core.Persistence;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace CampaignConsole.Web.Hubs;

/// <summary>
/// Pushes to every open page of a contact: the group of its user id, or of each anonymous id when it
/// is not identified. With the Redis backplane this reaches pages connected to other nodes too.
/// </summary>
internal sealed class SignalRRealtimeNotifier(IHubContext<MessagesHub> hub, IServiceScopeFactory scopes) : IRealtimeNotifier
{
    public async Task MessageAsync(long contactId, RealtimeMessage m, CancellationToken ct)
    {
        var groups = await GroupsAsync(contactId, ct);
        var id = m.DeliveryId.ToString(CultureInfo.InvariantCulture);
        var clients = hub.Clients.Groups(groups);
        if (m.Channel == Channels.Inbox)
            await clients.SendAsync("inboxAdded", new HubInboxItem(id, m.CampaignId, m.Title, m.Body, HubMessage.Json(m.DataJson), m.CreatedAt, null, m.ExpiresAt), ct);
        else
            await clients.SendAsync("message", new HubMessage(id, m.CampaignId, m.Channel, m.Title, m.Body, HubMessage.Json(m.DataJson)), ct);
    }

    public async Task InboxRemovedAsync(long contactId, IReadOnlyList<long> deliveryIds, CancellationToken ct)
    {
        var clients = hub.Clients.Groups(await GroupsAsync(contactId, ct));
        foreach (var id in deliveryIds) await clients.SendAsync("inboxRemoved", id.ToString(CultureInfo.InvariantCulture), ct);
    }

    private async Task<List<string>> GroupsAsync(long contactId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CampaignDbContext>();
        var userId = await db.Contacts.AsNoTracking().Where(c => c.Id == contactId).Select(c => c.UserId).FirstOrDefaultAsync(ct);
        // An identified visitor's pages connect with the user id (and its hash); anonymous pages of the same
        // browser get nothing more, as the hub would refuse them now. A visitor not identified yet: its anonymous ids.
        if (userId is not null) return [HubVisitor.UserGroup(userId)];
        var aliases = await db.ContactAliases.AsNoTracking().Where(a => a.ContactId == contactId).Select(a => a.AnonymousId).ToListAsync(ct);
        return aliases.Select(HubVisitor.AnonymousGroup).ToList();
    }
}
