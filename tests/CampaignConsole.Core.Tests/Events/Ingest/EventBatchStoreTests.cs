using System.Text.Json.Nodes;
using CampaignConsole.Core.Events;
using CampaignConsole.Core.Events.Ingest;
using CampaignConsole.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CampaignConsole.Core.Tests.Events.Ingest;

public sealed class EventBatchStoreTests : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);
    private SqliteTestDatabase _db = null!;
    private readonly HashSet<string> _knownTypes = new(StringComparer.Ordinal);
    private int _nextMessage;

    public async Task InitializeAsync() => _db = await SqliteTestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private IngestMessage Track(string? userId, string? anonymousId, string name = "viewed_item", string properties = "{}",
        string? messageId = null) =>
        new("track", messageId ?? $"m{++_nextMessage}", userId, anonymousId, name, properties, null, null, Now, null, null);

    private IngestMessage Identify(string? userId, string? anonymousId, string traits, string? timeZone = null) =>
        new("identify", $"m{++_nextMessage}", userId, anonymousId, "identify", traits, traits, null, Now, null, timeZone);

    private IngestMessage Alias(string userId, string previousId) =>
        new("alias", $"m{++_nextMessage}", userId, null, "alias", "{}", null, null, Now, previousId, null);

    /// <summary>Writes the messages in one committed transaction, as the ingest writer does.</summary>
    private async Task<List<IngestedEvent?>> WriteAsync(params IngestMessage[] messages)
    {
        await using var ctx = _db.NewContext();
        await ctx.Database.OpenConnectionAsync();
        var conn = ctx.Database.GetDbConnection();
        await using var tx = await conn.BeginTransactionAsync();
        using var store = new EventBatchStore(conn, tx, _knownTypes, Now);
        var results = new List<IngestedEvent?>();
        foreach (var m in messages) results.Add(await store.WriteAsync(1, m, CancellationToken.None));
        await store.FlushAsync(CancellationToken.None);
        await tx.CommitAsync();
        return results;
    }

    private async Task<T> QueryAsync<T>(Func<CampaignConsole.Core.Persistence.SqliteCampaignDbContext, Task<T>> query)
    {
        await using var ctx = _db.NewContext();
        return await query(ctx);
    }

    [Fact]
    public async Task Retried_message_is_stored_once()
    {
        var message = Track("u1", null, messageId: "retry-me");

        var first = await WriteAsync(message);
        var second = await WriteAsync(message);

        Assert.NotNull(first[0]);
        Assert.Null(second[0]);
        Assert.Equal(1, await QueryAsync(db => db.Events.CountAsync(e => e.MessageId == "retry-me")));
    }

    [Fact]
    public async Task Same_message_id_from_another_source_is_a_different_event()
    {
        var message = Track("u1", null, messageId: "shared");
        await WriteAsync(message);

        await using (var ctx = _db.NewContext())
        {
            await ctx.Database.OpenConnectionAsync();
            var conn = ctx.Database.GetDbConnection();
            await using var tx = await conn.BeginTransactionAsync();
            using var store = new EventBatchStore(conn, tx, _knownTypes, Now);
            Assert.NotNull(await store.WriteAsync(2, message, CancellationToken.None));
            await store.FlushAsync(CancellationToken.None);
            await tx.CommitAsync();
        }

        Assert.Equal(2, await QueryAsync(db => db.Events.CountAsync(e => e.MessageId == "shared")));
    }

    [Fact]
    public async Task Stored_event_keeps_what_the_message_said()
    {
        var stored = (await WriteAsync(Track("u1", "a1", "add_to_cart", """{"sku":"A1"}""")))[0]!;

        var row = await QueryAsync(db => db.Events.SingleAsync(e => e.Id == stored.EventId));
        Assert.Equal("add_to_cart", row.Name);
        Assert.Equal("track", row.Type);
        Assert.Equal("""{"sku":"A1"}""", row.PropertiesJson);
        Assert.Equal("u1", row.UserId);
        Assert.Equal("a1", row.AnonymousId);
        Assert.Equal(Now, row.Timestamp);
        Assert.Equal(stored.ContactId, row.ContactId);
    }

    [Fact]
    public async Task Events_of_one_user_share_one_contact()
    {
        var results = await WriteAsync(Track("u1", null), Track("u1", null), Track("u2", null));

        Assert.Equal(results[0]!.ContactId, results[1]!.ContactId);
        Assert.NotEqual(results[0]!.ContactId, results[2]!.ContactId);
        Assert.Equal(2, await QueryAsync(db => db.Contacts.CountAsync()));
    }

    [Fact]
    public async Task Anonymous_visitor_identified_later_is_the_same_contact()
    {
        var anonymous = (await WriteAsync(Track(null, "anon-1"), Track(null, "anon-1")))[0]!;
        var identified = (await WriteAsync(Identify("u1", "anon-1", """{"name":"Ada"}""")))[0]!;

        Assert.Equal(anonymous.ContactId, identified.ContactId);
        var contact = await QueryAsync(db => db.Contacts.SingleAsync());
        Assert.Equal("u1", contact.UserId);
        Assert.Equal(3, await QueryAsync(db => db.Events.CountAsync(e => e.ContactId == contact.Id)));
    }

    [Fact]
    public async Task Identify_linking_an_anonymous_contact_to_a_known_user_merges_them()
    {
        var anonymous = (await WriteAsync(Identify(null, "anon-1", """{"name":"guest","cart":2}"""), Track(null, "anon-1")))[0]!;
        var user = (await WriteAsync(Identify("u1", null, """{"name":"Ada"}"""), Track("u1", null)))[0]!;
        Assert.NotEqual(anonymous.ContactId, user.ContactId);

        var link = (await WriteAsync(Identify("u1", "anon-1", """{"plan":"gold"}""")))[0]!;

        Assert.Equal(user.ContactId, link.ContactId);
        var contact = await QueryAsync(db => db.Contacts.SingleAsync());
        Assert.Equal(user.ContactId, contact.Id);
        Assert.Equal(5, await QueryAsync(db => db.Events.CountAsync(e => e.ContactId == contact.Id)));
        Assert.Equal(user.ContactId, await QueryAsync(db => db.ContactAliases.Where(a => a.AnonymousId == "anon-1").Select(a => (long?)a.ContactId).SingleAsync()));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"name":"Ada","cart":2,"plan":"gold"}"""), JsonNode.Parse(contact.TraitsJson)), contact.TraitsJson);
    }

    [Fact]
    public async Task Anonymous_id_of_another_identified_user_is_not_taken_over()
    {
        var first = (await WriteAsync(Identify("u1", "shared-device", "{}")))[0]!;

        var second = (await WriteAsync(Identify("u2", "shared-device", "{}")))[0]!;

        Assert.NotEqual(first.ContactId, second.ContactId);
        Assert.Equal(["u1", "u2"], await QueryAsync(db => db.Contacts.OrderBy(c => c.UserId).Select(c => c.UserId!).ToListAsync()));
        Assert.Equal(first.ContactId, await QueryAsync(db => db.ContactAliases.Where(a => a.AnonymousId == "shared-device").Select(a => (long?)a.ContactId).SingleAsync()));
    }

    [Fact]
    public async Task Identify_merges_traits_into_the_profile()
    {
        await WriteAsync(Identify("u1", null, """{"name":"Ada","plan":"free"}"""));
        await WriteAsync(Identify("u1", null, """{"plan":"gold","city":"London"}"""));

        var traits = await QueryAsync(db => db.Contacts.Select(c => c.TraitsJson).SingleAsync());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"name":"Ada","plan":"gold","city":"London"}"""), JsonNode.Parse(traits)), traits);
    }

    [Fact]
    public async Task Time_zone_is_kept_until_another_one_is_sent()
    {
        await WriteAsync(Identify("u1", null, "{}", "Europe/Berlin"));
        await WriteAsync(Track("u1", null));

        Assert.Equal("Europe/Berlin", await QueryAsync(db => db.Contacts.Select(c => c.TimeZone).SingleAsync()));
    }

    [Fact]
    public async Task Device_time_zone_fills_a_missing_zone_but_never_replaces_the_trait()
    {
        var fromDevice = Track("u1", null) with { ContextTimeZone = "Asia/Tokyo" };
        await WriteAsync(fromDevice);
        Assert.Equal("Asia/Tokyo", await QueryAsync(db => db.Contacts.Select(c => c.TimeZone).SingleAsync()));

        await WriteAsync(Identify("u1", null, "{}", "Europe/Berlin"), Track("u1", null) with { ContextTimeZone = "UTC" });

        Assert.Equal("Europe/Berlin", await QueryAsync(db => db.Contacts.Select(c => c.TimeZone).SingleAsync()));
    }

    [Fact]
    public async Task Many_messages_of_one_contact_in_one_transaction_touch_it_once_with_the_latest_zone()
    {
        await WriteAsync(Track("u1", "a1"), Track(null, "a1"), Identify("u1", "a1", "{}", "Europe/Paris"), Track("u1", null));

        var contact = await QueryAsync(db => db.Contacts.SingleAsync());
        Assert.Equal("Europe/Paris", contact.TimeZone);
        Assert.Equal(Now, contact.LastSeenAt);
    }

    [Fact]
    public async Task Last_seen_moves_by_the_minute_but_a_new_time_zone_applies_at_once()
    {
        async Task WriteAtAsync(DateTime at, IngestMessage m)
        {
            await using var ctx = _db.NewContext();
            await ctx.Database.OpenConnectionAsync();
            var conn = ctx.Database.GetDbConnection();
            await using var tx = await conn.BeginTransactionAsync();
            using var store = new EventBatchStore(conn, tx, _knownTypes, at);
            await store.WriteAsync(1, m, CancellationToken.None);
            await store.FlushAsync(CancellationToken.None);
            await tx.CommitAsync();
        }
        Task<CampaignConsole.Core.Contacts.Contact> ContactAsync() => QueryAsync(db => db.Contacts.SingleAsync());

        await WriteAtAsync(Now, Track("u1", null));
        await WriteAtAsync(Now.AddSeconds(30), Track("u1", null));
        Assert.Equal(Now, (await ContactAsync()).LastSeenAt);

        await WriteAtAsync(Now.AddSeconds(40), Identify("u1", null, "{}", "Asia/Tokyo"));
        Assert.Equal("Asia/Tokyo", (await ContactAsync()).TimeZone);

        await WriteAtAsync(Now.AddMinutes(2), Track("u1", null));
        Assert.Equal(Now.AddMinutes(2), (await ContactAsync()).LastSeenAt);
    }

    [Fact]
    public async Task Unseen_track_name_registers_an_event_type_in_other()
    {
        await WriteAsync(Track("u1", null, "brand_new"), Track("u1", null, "brand_new"));

        var type = await QueryAsync(db => db.EventTypes.SingleAsync(t => t.Name == "brand_new"));
        Assert.Equal(EventType.DefaultCategory, type.Category);
        Assert.Equal(EventKind.Customer, type.Kind);
        Assert.True(type.AutoRegistered);
    }

    [Fact]
    public async Task Known_event_type_is_left_as_it_was()
    {
        await using (var ctx = _db.NewContext())
        {
            ctx.EventTypes.Add(EventType.Create("purchase", "Order", EventKind.Customer, "bought", Now));
            await ctx.SaveChangesAsync();
        }

        await WriteAsync(Track("u1", null, "purchase"));

        var type = await QueryAsync(db => db.EventTypes.SingleAsync(t => t.Name == "purchase"));
        Assert.Equal("Order", type.Category);
        Assert.False(type.AutoRegistered);
    }

    [Fact]
    public async Task Alias_merges_the_previous_anonymous_contact_into_the_user()
    {
        var anonymous = (await WriteAsync(Track(null, "old-anon")))[0]!;
        var user = (await WriteAsync(Track("u1", null)))[0]!;

        await WriteAsync(Alias("u1", "old-anon"));

        Assert.Equal(user.ContactId, await QueryAsync(db => db.Events.Where(e => e.Id == anonymous.EventId).Select(e => e.ContactId).SingleAsync()));
        Assert.Equal(1, await QueryAsync(db => db.Contacts.CountAsync()));
    }

    [Fact]
    public async Task Alias_of_an_unknown_id_records_it_for_later()
    {
        var user = (await WriteAsync(Alias("u1", "future-anon")))[0]!;

        var later = (await WriteAsync(Track(null, "future-anon")))[0]!;

        Assert.Equal(user.ContactId, later.ContactId);
    }
}
