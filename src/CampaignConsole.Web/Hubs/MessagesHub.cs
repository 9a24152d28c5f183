using System.Globalization;
using System.Text.Json;
using CampaignConsole.Core.Contacts;
using CampaignConsole.Core.Inbox;
using Microsoft.AspNetCore.SignalR;

namespace CampaignConsole.Web.Hubs;

/// <summary>
/// The SDK's connection. Thin on purpose: identity comes from <see cref="HubAdmission"/>, data from
/// <see cref="InboxService"/>. Pushes are nudges; on every (re)connect the SDK calls <see cref="Sync"/>
/// and gets the truth from the database, dropping duplicates by id.
/// </summary>
internal sealed class MessagesHub(InboxService inbox, AckWriter acks, ContactQueries contacts, ConnectionTracker tracker) : Hub
{
    public override async Task OnConnectedAsync()
    {
        var visitor = Visitor;
        // Group membership is per connection and not kept across reconnects: join on every connect.
        await Groups.AddToGroupAsync(Context.ConnectionId, visitor.Group);
        tracker.Connected(Context.ConnectionId, visitor.Group);
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        tracker.Disconnected(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>Unacknowledged on-site / in-app messages and the whole current inbox, with a new cursor.</summary>
    public async Task<SyncResult> Sync(string? cursor)
    {
        if (await ContactIdAsync() is not { } contactId) return new SyncResult([], [], cursor ?? "0");
        var pending = await inbox.PendingAsync(contactId, Context.ConnectionAborted);
        var items = await inbox.ListAsync(contactId, Context.ConnectionAborted);
        var newest = pending.Select(p => p.Id).Concat(items.Select(i => i.Id)).DefaultIfEmpty(0).Max();
        var previous = long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : 0;
        return new SyncResult(pending.Select(HubMessage.From).ToList(), items.Select(HubInboxItem.From).ToList(),
            Math.Max(newest, previous).ToString(CultureInfo.InvariantCulture));
    }

    public async Task<IReadOnlyList<HubInboxItem>> GetInbox() =>
        await ContactIdAsync() is { } contactId
            ? (await inbox.ListAsync(contactId, Context.ConnectionAborted)).Select(HubInboxItem.From).ToList()
            : [];

    public async Task Ack(string id)
    {
        if (long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var deliveryId) && await ContactIdAsync() is { } contactId)
            await acks.AckAsync(contactId, deliveryId, Context.ConnectionAborted);
    }

    public async Task MarkRead(string id)
    {
        if (long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var deliveryId) && await ContactIdAsync() is { } contactId)
            await inbox.MarkReadAsync(contactId, deliveryId, Context.ConnectionAborted);
    }

    private HubVisitor Visitor => (HubVisitor)Context.GetHttpContext()!.Items[HubAdmission.VisitorItem]!;

    // An anonymous connection is checked once, when it opens: it must never resolve to a user whose id it
    // spells (a user created later under that id), so anonymous ids resolve through aliases only.
    // A user's contact is remembered for the connection once it exists (every shown message is acked).
    private async Task<long?> ContactIdAsync()
    {
        if (Context.Items.TryGetValue(ContactItem, out var known)) return (long)known!;
        if (Visitor.UserId is not { } userId)
            return await contacts.ContactIdByAnonymousIdAsync(Visitor.AnonymousId!, Context.ConnectionAborted);
        var id = await contacts.ContactIdByUserIdAsync(userId, Context.ConnectionAborted);
        if (id is not null) Context.Items[ContactItem] = id.Value;
        return id;
    }

    private const string ContactItem = "cc.contactId";
}

/// <summary>`message` pushed to the SDK: `{id, campaignId, channel, title, body, data}`.</summary>
public sealed record HubMessage(string Id, string CampaignId, string Channel, string? Title, string Body, JsonElement? Data)
{
    internal static HubMessage From(PendingMessage m) =>
        new(m.Id.ToString(CultureInfo.InvariantCulture), m.CampaignId, m.Channel, m.Title, m.Body, Json(m.DataJson));

    internal static JsonElement? Json(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}

/// <summary>An inbox item: `{id, campaignId, title, body, data, createdAt, readAt, expiresAt}`.</summary>
public sealed record HubInboxItem(string Id, string CampaignId, string? Title, string Body, JsonElement? Data, DateTime CreatedAt,
    DateTime? ReadAt, DateTime? ExpiresAt)
{
    internal static HubInboxItem From(InboxItem i) => new(i.Id.ToString(CultureInfo.InvariantCulture), i.CampaignId, i.Title, i.Body,
        HubMessage.Json(i.DataJson), i.CreatedAt, i.ReadAt, i.ExpiresAt);
}

public sealed record SyncResult(IReadOnlyList<HubMessage> Messages, IReadOnlyList<HubInboxItem> Inbox, string Cursor);
