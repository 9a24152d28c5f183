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
    public async Task MessagesAsync(IReadOnlyList<(long ContactId, RealtimeMessage Message)> messages, CancellationToken ct)
    {
        var groups = await GroupsAsync(messages.Select(m => m.ContactId).Distinct().ToList(), ct);
        foreach (var (contactId, m) in messages)
        {
            var clients = hub.Clients.Groups(groups.GetValueOrDefault(contactId) ?? []);
            var id = m.DeliveryId.ToString(CultureInfo.InvariantCulture);
            if (m.Channel == Channels.Inbox)
                await clients.SendAsync("inboxAdded", new HubInboxItem(id, m.CampaignId, m.Title, m.Body, HubMessage.Json(m.DataJson), m.CreatedAt, null, m.ExpiresAt), ct);
            else
                await clients.SendAsync("message", new HubMessage(id, m.CampaignId, m.Channel, m.Title, m.Body, HubMessage.Json(m.DataJson)), ct);
        }
    }

    public async Task InboxRemovedAsync(long contactId, IReadOnlyList<long> deliveryIds, CancellationToken ct)
    {
        var clients = hub.Clients.Groups((await GroupsAsync([contactId], ct)).GetValueOrDefault(contactId) ?? []);
        foreach (var id in deliveryIds) await clients.SendAsync("inboxRemoved", id.ToString(CultureInfo.InvariantCulture), ct);
    }

    /// <summary>
    /// An identified visitor's pages connect with the user id (and its hash); anonymous pages of the same
    /// browser get nothing more, as the hub would refuse them now. A visitor not identified yet: its anonymous ids.
    /// </summary>
    private async Task<Dictionary<long, List<string>>> GroupsAsync(List<long> contactIds, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CampaignDbContext>();
        var users = await db.Contacts.AsNoTracking().Where(c => contactIds.Contains(c.Id)).Select(c => new { c.Id, c.UserId }).ToListAsync(ct);
        var groups = users.Where(u => u.UserId is not null).ToDictionary(u => u.Id, u => new List<string> { HubVisitor.UserGroup(u.UserId!) });
        var anonymous = users.Where(u => u.UserId is null).Select(u => u.Id).ToList();
        if (anonymous.Count > 0)
        {
            var aliases = await db.ContactAliases.AsNoTracking().Where(a => anonymous.Contains(a.ContactId)).Select(a => new { a.ContactId, a.AnonymousId }).ToListAsync(ct);
            foreach (var a in aliases.GroupBy(a => a.ContactId))
                groups[a.Key] = a.Select(x => HubVisitor.AnonymousGroup(x.AnonymousId)).ToList();
        }
        return groups;
    }
}
