using System.Net;
using CampaignConsole.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CampaignConsole.Web.Tests.Hubs;

/// <summary>Hub tests share one started app; each test keeps to its own users, events and campaigns.</summary>
[CollectionDefinition(Name)]
public sealed class HubCollection : ICollectionFixture<CampaignApiFactory>
{
    public const string Name = "hubs";
}

/// <summary>Who may connect to `/hubs/messages` (HubAdmission): write key, identity verification, merged anonymous ids.</summary>
[Collection(HubCollection.Name)]
public sealed class HubAdmissionTests(CampaignApiFactory app)
{
    [Fact]
    public async Task A_user_with_a_valid_userHash_connects()
    {
        var user = RealtimeApi.NewId("adm-ok");
        await using var client = await HubClient.ConnectAsync(app, HubClient.UserQuery(user));
        Assert.Equal(HubConnectionState.Connected, client.Connection.State);
        Assert.Empty(await client.GetInboxAsync()); // no contact yet: an empty inbox, not an error
    }

    [Fact]
    public async Task A_forged_or_missing_userHash_is_refused_with_403()
    {
        var victim = RealtimeApi.NewId("adm-victim");
        var attacker = RealtimeApi.NewId("adm-attacker");
        var writeKey = Uri.EscapeDataString(CampaignApiFactory.WriteKey);

        // The attacker's own valid hash, a hash made with another key, garbage, empty, absent.
        await HubClient.AssertRefusedAsync(app, HubClient.UserQuery(victim, HubClient.Hash(attacker)), HttpStatusCode.Forbidden);
        await HubClient.AssertRefusedAsync(app, HubClient.UserQuery(victim, Core.Sources.ApiKeys.UserHash("sk_other_key", victim)), HttpStatusCode.Forbidden);
        await HubClient.AssertRefusedAsync(app, HubClient.UserQuery(victim, new string('0', 64)), HttpStatusCode.Forbidden);
        await HubClient.AssertRefusedAsync(app, $"writeKey={writeKey}&userId={victim}&userHash=", HttpStatusCode.Forbidden);
        await HubClient.AssertRefusedAsync(app, $"writeKey={writeKey}&userId={victim}", HttpStatusCode.Forbidden);
        // Nor a plain hash of the id (no key), nor the right hash of a different-case id.
        await HubClient.AssertRefusedAsync(app, HubClient.UserQuery(victim,
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(victim)))), HttpStatusCode.Forbidden);
        await HubClient.AssertRefusedAsync(app, HubClient.UserQuery(victim.ToUpperInvariant(), HubClient.Hash(victim)), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_hash_is_accepted_in_upper_case_hex_too()
    {
        var user = RealtimeApi.NewId("adm-upper");
        await using var client = await HubClient.ConnectAsync(app, HubClient.UserQuery(user, HubClient.Hash(user).ToUpperInvariant()));
        Assert.Equal(HubConnectionState.Connected, client.Connection.State);
    }

    [Fact]
    public async Task A_wrong_or_missing_write_key_is_refused_with_401()
    {
        var user = RealtimeApi.NewId("adm-key");
        await HubClient.AssertRefusedAsync(app, HubClient.UserQuery(user, writeKey: "wk_not_a_real_key_0000"), HttpStatusCode.Unauthorized);
        await HubClient.AssertRefusedAsync(app, $"userId={user}&userHash={HubClient.Hash(user)}", HttpStatusCode.Unauthorized);
        await HubClient.AssertRefusedAsync(app, HubClient.AnonymousQuery(Guid.NewGuid().ToString(), writeKey: "wk_not_a_real_key_0000"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_secret_key_is_not_a_write_key()
    {
        var user = RealtimeApi.NewId("adm-secret");
        await HubClient.AssertRefusedAsync(app, HubClient.UserQuery(user, writeKey: CampaignApiFactory.SecretKey), HttpStatusCode.Unauthorized);
        await HubClient.AssertRefusedAsync(app, HubClient.AnonymousQuery(Guid.NewGuid().ToString(), writeKey: CampaignApiFactory.SecretKey), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Neither_userId_nor_anonymousId_is_a_bad_request()
    {
        await HubClient.AssertRefusedAsync(app, $"writeKey={Uri.EscapeDataString(CampaignApiFactory.WriteKey)}", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_fresh_anonymous_visitor_connects()
    {
        await using var client = await HubClient.ConnectAsync(app, HubClient.AnonymousQuery(Guid.NewGuid().ToString()));
        Assert.Equal(HubConnectionState.Connected, client.Connection.State);
        var sync = await client.SyncAsync(null);
        Assert.Equal(0, sync.GetProperty("messages").GetArrayLength());
        Assert.Equal(0, sync.GetProperty("inbox").GetArrayLength());
    }

    [Fact]
    public async Task An_anonymousId_merged_into_an_identified_user_is_refused()
    {
        var user = RealtimeApi.NewId("adm-merged");
        var anon = Guid.NewGuid().ToString();
        using var ingest = app.CreateWriteKeyClient();
        // Browsing anonymously first, then identifying: the anonymous id now belongs to the user.
        await ingest.SendAsync(Segment.Track(null, "viewed_item", new { sku = "A1" }, anonymousId: anon));
        await using (var before = await HubClient.ConnectAsync(app, HubClient.AnonymousQuery(anon)))
            Assert.Equal(HubConnectionState.Connected, before.Connection.State);
        await ingest.SendAsync(Segment.Identify(user, new { name = "Merged" }, anonymousId: anon));

        await HubClient.AssertRefusedAsync(app, HubClient.AnonymousQuery(anon), HttpStatusCode.Forbidden);
        // With the user id and its hash the same visitor is welcome.
        await using var identified = await HubClient.ConnectAsync(app, HubClient.UserQuery(user));
        Assert.Equal(HubConnectionState.Connected, identified.Connection.State);
    }

    [Fact]
    public async Task A_user_id_passed_as_anonymousId_is_refused()
    {
        var victim = RealtimeApi.NewId("adm-asanon");
        using var ingest = app.CreateWriteKeyClient();
        await ingest.SendAsync(Segment.Identify(victim, new { name = "Victim" }));

        await HubClient.AssertRefusedAsync(app, HubClient.AnonymousQuery(victim), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_anonymous_connection_named_after_a_user_id_never_reads_that_users_inbox()
    {
        // The attacker connects anonymously under the id a user will get before that user exists,
        // then waits: once the user signs up and receives inbox messages, the old connection must not see them.
        var victim = RealtimeApi.NewId("adm-squat");
        var campaign = RealtimeApi.NewId("squat-inbox");
        var evt = "squat_" + Guid.NewGuid().ToString("N")[..10];
        using var api = app.CreateSecretKeyClient();
        using var ingest = app.CreateWriteKeyClient();
        await api.CreateActiveCampaignAsync(campaign, evt, new { channel = "inbox", title = "Private", body = "For the victim only" });
        // WebSockets: admission is checked once, at connect (long polling re-checks every request).
        await using var squatter = await HubClient.ConnectAsync(app, HubClient.AnonymousQuery(victim), HttpTransportType.WebSockets);
        await using var owner = await HubClient.ConnectAsync(app, HubClient.UserQuery(victim));

        await ingest.TrackAsync(victim, evt);
        await owner.NextInboxAddedAsync();

        Assert.Empty(await squatter.GetInboxAsync());
        var sync = await squatter.SyncAsync(null);
        Assert.Equal(0, sync.GetProperty("inbox").GetArrayLength());
        await squatter.AssertNoMessageAsync(TimeSpan.FromMilliseconds(300));
    }
}

/// <summary>A source with allowed origins: the hub refuses pages of other sites (CORS does not guard WebSockets).</summary>
public sealed class HubOriginTests(HubOriginTests.OriginRestrictedFactory app) : IClassFixture<HubOriginTests.OriginRestrictedFactory>
{
    public const string Allowed = "https://shop.example";

    public sealed class OriginRestrictedFactory : CampaignApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Bootstrap:AllowedOrigins", Allowed + " https://www.shop.example");
        }
    }

    [Fact]
    public async Task A_foreign_Origin_is_refused_with_403()
    {
        var user = RealtimeApi.NewId("origin");
        await HubClient.AssertRefusedAsync(app, HubClient.UserQuery(user), HttpStatusCode.Forbidden, origin: "https://evil.example");
        await HubClient.AssertRefusedAsync(app, HubClient.AnonymousQuery(Guid.NewGuid().ToString()), HttpStatusCode.Forbidden, origin: "https://shop.example.evil.example");
        await HubClient.AssertRefusedAsync(app, HubClient.UserQuery(user), HttpStatusCode.Forbidden, origin: "http://shop.example");
    }

    [Fact]
    public async Task An_allowed_Origin_connects()
    {
        var user = RealtimeApi.NewId("origin-ok");
        await using var a = await HubClient.ConnectAsync(app, HubClient.UserQuery(user), origin: Allowed);
        await using var b = await HubClient.ConnectAsync(app, HubClient.UserQuery(user), origin: "https://WWW.shop.example");
        Assert.Equal(HubConnectionState.Connected, a.Connection.State);
        Assert.Equal(HubConnectionState.Connected, b.Connection.State);
    }
}
