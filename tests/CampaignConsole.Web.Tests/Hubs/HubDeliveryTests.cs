using System.Net;
using System.Text.Json;
using CampaignConsole.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CampaignConsole.Web.Tests.Hubs;

/// <summary>In-app / on-site messages pushed live, kept for offline pages, acknowledged; the inbox and its removal.</summary>
[Collection(HubCollection.Name)]
public sealed class HubDeliveryTests(CampaignApiFactory app)
{
    private static string NewEvent(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..(prefix.Length + 11)];

    [Theory]
    [InlineData(HttpTransportType.WebSockets)]
    [InlineData(HttpTransportType.ServerSentEvents)]
    [InlineData(HttpTransportType.LongPolling)]
    public async Task Every_connection_of_the_user_receives_an_in_app_message(HttpTransportType transport)
    {
        var user = RealtimeApi.NewId("rt-two");
        var other = RealtimeApi.NewId("rt-other");
        var campaign = RealtimeApi.NewId("rt-inapp");
        var evt = NewEvent("rt_inapp");
        using var api = app.CreateSecretKeyClient();
        using var ingest = app.CreateWriteKeyClient();
        await api.CreateActiveCampaignAsync(campaign, evt, new
        {
            channel = "in-app",
            title = "Hello {{ Event.who }}",
            body = "Your code is <b>{{ Event.code }}</b>",
            data = new { cta = "Open", url = "https://example.com/offer" },
        });

        await using var tab1 = await HubClient.ConnectAsync(app, HubClient.UserQuery(user), transport);
        await using var tab2 = await HubClient.ConnectAsync(app, HubClient.UserQuery(user), transport);
        await using var stranger = await HubClient.ConnectAsync(app, HubClient.UserQuery(other), transport);
        await ingest.TrackAsync(user, evt, new { who = "Ada", code = "XY-42" });

        var m1 = await tab1.NextMessageAsync();
        var m2 = await tab2.NextMessageAsync();
        Assert.Equal(m1.Str("id"), m2.Str("id"));
        foreach (var m in new[] { m1, m2 })
        {
            Assert.Equal(campaign, m.Str("campaignId"));
            Assert.Equal("in-app", m.Str("channel"));
            Assert.Equal("Hello Ada", m.Str("title"));
            Assert.Equal("Your code is <b>XY-42</b>", m.Str("body"));
            Assert.Equal("https://example.com/offer", m.GetProperty("data").Str("url"));
        }
        // Another user's page hears nothing.
        await stranger.AssertNoMessageAsync(TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task A_message_sent_while_offline_comes_with_Sync_until_it_is_acknowledged()
    {
        var user = RealtimeApi.NewId("rt-offline");
        var campaign = RealtimeApi.NewId("rt-offline");
        var evt = NewEvent("rt_offline");
        using var api = app.CreateSecretKeyClient();
        using var ingest = app.CreateWriteKeyClient();
        await api.CreateActiveCampaignAsync(campaign, evt, new { channel = "on-site", title = "While you were away", body = "Missed {{ Event.n }}" });

        await ingest.TrackAsync(user, evt, new { n = 7 }); // no page open
        // Wait until the dispatcher has sent it (stored as the pending message).
        await RealtimeApi.EventuallyAsync(async () =>
        {
            using var deliveries = await api.GetAsync($"/api/v1/campaigns/{campaign}/deliveries");
            return JsonDocument.Parse(await deliveries.Content.ReadAsStringAsync()).RootElement.Clone();
        }, d => d.GetProperty("items").EnumerateArray().Any(i => i.Str("status").Equals("sent", StringComparison.OrdinalIgnoreCase)), "delivery sent");

        string id;
        await using (var page = await HubClient.ConnectAsync(app, HubClient.UserQuery(user)))
        {
            var sync = await page.SyncAsync(null);
            var messages = sync.GetProperty("messages").EnumerateArray().ToList();
            var m = Assert.Single(messages);
            id = m.Str("id");
            Assert.Equal(campaign, m.Str("campaignId"));
            Assert.Equal("on-site", m.Str("channel"));
            Assert.Equal("While you were away", m.Str("title"));
            Assert.Equal("Missed 7", m.Str("body"));
            Assert.False(string.IsNullOrEmpty(sync.Str("cursor")));

            // A reload before the page acknowledged: still pending.
            await using (var reload = await HubClient.ConnectAsync(app, HubClient.UserQuery(user)))
                Assert.Contains((await reload.SyncAsync(null)).GetProperty("messages").EnumerateArray(), x => x.Str("id") == id);

            await page.Connection.InvokeAsync("Ack", id);
            await page.Connection.InvokeAsync("Ack", id); // idempotent
        }

        await using var later = await HubClient.ConnectAsync(app, HubClient.UserQuery(user));
        Assert.Equal(0, (await later.SyncAsync(null)).GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task Another_user_cannot_acknowledge_someone_elses_message()
    {
        var user = RealtimeApi.NewId("rt-ackown");
        var intruder = RealtimeApi.NewId("rt-ackint");
        var campaign = RealtimeApi.NewId("rt-ackown");
        var evt = NewEvent("rt_ackown");
        using var api = app.CreateSecretKeyClient();
        using var ingest = app.CreateWriteKeyClient();
        await api.CreateActiveCampaignAsync(campaign, evt, new { channel = "in-app", title = "Mine", body = "Only mine" });
        await ingest.TrackAsync(intruder, "login"); // the intruder is a known contact too

        await using var page = await HubClient.ConnectAsync(app, HubClient.UserQuery(user));
        await ingest.TrackAsync(user, evt);
        var id = (await page.NextMessageAsync()).Str("id");

        await using (var other = await HubClient.ConnectAsync(app, HubClient.UserQuery(intruder)))
            await other.Connection.InvokeAsync("Ack", id);

        Assert.Contains((await page.SyncAsync(null)).GetProperty("messages").EnumerateArray(), x => x.Str("id") == id);
    }

    [Fact]
    public async Task Inbox_items_arrive_live_are_listed_marked_read_and_removed_live()
    {
        var user = RealtimeApi.NewId("rt-inbox");
        var campaign = RealtimeApi.NewId("rt-inbox");
        var evt = NewEvent("rt_inbox");
        using var api = app.CreateSecretKeyClient();
        using var ingest = app.CreateWriteKeyClient();
        await api.CreateActiveCampaignAsync(campaign, evt, new
        {
            channel = "inbox", title = "Order {{ Event.order }}", body = "Thanks for order {{ Event.order }}", expiresIn = "P7D",
        });

        await using var tab1 = await HubClient.ConnectAsync(app, HubClient.UserQuery(user));
        await using var tab2 = await HubClient.ConnectAsync(app, HubClient.UserQuery(user), HttpTransportType.ServerSentEvents);

        await ingest.TrackAsync(user, evt, new { order = "1001" });
        var added = await tab1.NextInboxAddedAsync();
        Assert.Equal(added.Str("id"), (await tab2.NextInboxAddedAsync()).Str("id"));
        Assert.Equal(campaign, added.Str("campaignId"));
        Assert.Equal("Order 1001", added.Str("title"));
        Assert.Equal("Thanks for order 1001", added.Str("body"));
        Assert.Equal(JsonValueKind.Null, added.GetProperty("readAt").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, added.GetProperty("expiresAt").ValueKind);
        var first = added.Str("id");
        // inbox items are not on-site messages
        await tab1.AssertNoMessageAsync(TimeSpan.FromMilliseconds(100));

        var listed = Assert.Single(await tab1.GetInboxAsync());
        Assert.Equal(first, listed.Str("id"));
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("readAt").ValueKind);

        await tab1.Connection.InvokeAsync("MarkRead", first);
        var read = Assert.Single(await tab2.GetInboxAsync());
        Assert.NotEqual(JsonValueKind.Null, read.GetProperty("readAt").ValueKind);
        Assert.NotNull(Assert.Single(await api.InboxAsync(user))!["readAt"]);

        // Two more; then remove the first through the API.
        await ingest.TrackAsync(user, evt, new { order = "1002" });
        await ingest.TrackAsync(user, evt, new { order = "1003" });
        for (var i = 0; i < 2; i++)
        {
            await tab1.NextInboxAddedAsync();
            await tab2.NextInboxAddedAsync();
        }
        var inbox = await tab1.GetInboxAsync();
        Assert.Equal(["Order 1003", "Order 1002", "Order 1001"], inbox.Select(x => x.Str("title"))); // newest first

        using (var removed = await api.DeleteAsync($"/api/v1/users/{user}/inbox/{first}"))
            Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal(first, await tab1.NextInboxRemovedAsync());
        Assert.Equal(first, await tab2.NextInboxRemovedAsync());
        Assert.DoesNotContain(await tab1.GetInboxAsync(), x => x.Str("id") == first);
        Assert.DoesNotContain(await api.InboxAsync(user), x => x!["id"]!.GetValue<string>() == first);
        Assert.Equal(2, (await tab2.SyncAsync(null)).GetProperty("inbox").GetArrayLength());
        // Removing it again: it is gone.
        using (var again = await api.DeleteAsync($"/api/v1/users/{user}/inbox/{first}"))
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);

        // Everything of the campaign at once.
        var rest = inbox.Select(x => x.Str("id")).Where(x => x != first).Order().ToList();
        using (var bulk = await api.DeleteAsync($"/api/v1/users/{user}/inbox?campaignId={campaign}"))
            Assert.Equal(HttpStatusCode.OK, bulk.StatusCode);
        Assert.Equal(rest, new[] { await tab1.NextInboxRemovedAsync(), await tab1.NextInboxRemovedAsync() }.Order());
        Assert.Equal(rest, new[] { await tab2.NextInboxRemovedAsync(), await tab2.NextInboxRemovedAsync() }.Order());
        Assert.Empty(await tab1.GetInboxAsync());
        Assert.Empty(await api.InboxAsync(user));
    }

    [Fact]
    public async Task Removing_by_campaign_keeps_other_campaigns_items()
    {
        var user = RealtimeApi.NewId("rt-bulk");
        var keep = RealtimeApi.NewId("rt-keep");
        var drop = RealtimeApi.NewId("rt-drop");
        var evt = NewEvent("rt_bulk");
        using var api = app.CreateSecretKeyClient();
        using var ingest = app.CreateWriteKeyClient();
        await api.CreateActiveCampaignAsync(keep, evt, new { channel = "inbox", title = "Keep", body = "k" });
        await api.CreateActiveCampaignAsync(drop, evt, new { channel = "inbox", title = "Drop", body = "d" });

        await using var page = await HubClient.ConnectAsync(app, HubClient.UserQuery(user));
        await ingest.TrackAsync(user, evt);
        var a = await page.NextInboxAddedAsync();
        var b = await page.NextInboxAddedAsync();
        var dropped = a.Str("campaignId") == drop ? a.Str("id") : b.Str("id");

        using (var bulk = await api.DeleteAsync($"/api/v1/users/{user}/inbox?campaignId={drop}"))
            Assert.Equal(HttpStatusCode.OK, bulk.StatusCode);
        Assert.Equal(dropped, await page.NextInboxRemovedAsync());
        var left = Assert.Single(await page.GetInboxAsync());
        Assert.Equal(keep, left.Str("campaignId"));

        using var noCampaign = await api.DeleteAsync($"/api/v1/users/{user}/inbox");
        await noCampaign.AssertValidationProblemAsync("campaignId");
    }

    [Fact]
    public async Task An_anonymous_visitor_gets_its_own_messages_and_inbox()
    {
        var anon = Guid.NewGuid().ToString();
        var campaign = RealtimeApi.NewId("rt-anon");
        var evt = NewEvent("rt_anon");
        using var api = app.CreateSecretKeyClient();
        using var ingest = app.CreateWriteKeyClient();
        await api.CreateActiveCampaignAsync(campaign, evt, new { channel = "inbox", title = "Welcome", body = "Anonymous hello" });

        await using var page = await HubClient.ConnectAsync(app, HubClient.AnonymousQuery(anon), HttpTransportType.WebSockets);
        await ingest.SendAsync(Segment.Track(null, evt, anonymousId: anon));

        var added = await page.NextInboxAddedAsync();
        Assert.Equal("Welcome", added.Str("title"));
        Assert.Equal(added.Str("id"), Assert.Single(await page.GetInboxAsync()).Str("id"));
    }

    [Fact]
    public async Task An_anonymous_connection_stops_reading_once_the_visitor_is_identified()
    {
        // The page connected before identify; afterwards the inbox belongs to the user, which takes the userHash.
        var anon = Guid.NewGuid().ToString();
        var user = RealtimeApi.NewId("rt-identified");
        var campaign = RealtimeApi.NewId("rt-identified");
        var evt = NewEvent("rt_identified");
        using var api = app.CreateSecretKeyClient();
        using var ingest = app.CreateWriteKeyClient();
        await api.CreateActiveCampaignAsync(campaign, evt, new { channel = "inbox", title = "Private", body = "For the signed-in user" });
        await using var anonymousPage = await HubClient.ConnectAsync(app, HubClient.AnonymousQuery(anon), HttpTransportType.WebSockets);
        await ingest.SendAsync(Segment.Track(null, "page_seen_" + Guid.NewGuid().ToString("N")[..6], anonymousId: anon));

        await ingest.SendAsync(Segment.Identify(user, new { name = "Signed in" }, anonymousId: anon));
        await using var userPage = await HubClient.ConnectAsync(app, HubClient.UserQuery(user));
        await ingest.TrackAsync(user, evt);
        await userPage.NextInboxAddedAsync();

        Assert.Empty(await anonymousPage.GetInboxAsync());
        Assert.Equal(0, (await anonymousPage.SyncAsync(null)).GetProperty("inbox").GetArrayLength());
        await anonymousPage.AssertNoMessageAsync(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task The_inbox_API_needs_the_secret_key()
    {
        using var ingest = app.CreateWriteKeyClient();
        using var response = await ingest.GetAsync("/api/v1/users/demo-user-1/inbox");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode); // a write key is known but not allowed here
        using var anonymous = app.CreateAnonymousClient();
        using var delete = await anonymous.DeleteAsync("/api/v1/users/demo-user-1/inbox?campaignId=x");
        Assert.Equal(HttpStatusCode.Unauthorized, delete.StatusCode);
    }
}
