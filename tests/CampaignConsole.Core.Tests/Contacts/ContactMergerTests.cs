using System.Data.Common;
using System.Text.Json.Nodes;
using CampaignConsole.Core.Contacts;
using CampaignConsole.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CampaignConsole.Core.Tests.Contacts;

public sealed class ContactMergerTests : IAsyncLifetime
{
    private SqliteTestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await SqliteTestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<long> InsertContactAsync(string? userId, string traits, params string[] anonymousIds)
    {
        await using var ctx = _db.NewContext();
        var id = (await ctx.Database.SqlQueryRaw<long>(
            """INSERT INTO "Contacts" ("UserId", "TraitsJson", "CreatedAt", "LastSeenAt") VALUES ({0}, {1}, '2026-01-01 00:00:00', '2026-01-01 00:00:00') RETURNING "Id" AS "Value" """,
            (object?)userId ?? DBNull.Value, traits).ToListAsync()).Single();
        foreach (var a in anonymousIds)
            await ctx.Database.ExecuteSqlRawAsync(
                """INSERT INTO "ContactAliases" ("AnonymousId", "ContactId", "CreatedAt") VALUES ({0}, {1}, '2026-01-01 00:00:00')""", a, id);
        return id;
    }

    private async Task InsertEventAsync(long contactId, string messageId)
    {
        await using var ctx = _db.NewContext();
        await ctx.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO "Events" ("SourceId", "MessageId", "ContactId", "Type", "Name", "PropertiesJson", "Timestamp", "ReceivedAt")
            VALUES (1, {0}, {1}, 'track', 'e', '{{}}', '2026-01-01 00:00:00', '2026-01-01 00:00:00')
            """, messageId, contactId);
    }

    private async Task MergeAsync(long absorbed, long survivor)
    {
        await using var ctx = _db.NewContext();
        await ctx.Database.OpenConnectionAsync();
        DbConnection conn = ctx.Database.GetDbConnection();
        await using var tx = await conn.BeginTransactionAsync();
        await ContactMerger.MergeAsync(conn, tx, absorbed, survivor, CancellationToken.None);
        await tx.CommitAsync();
    }

    [Fact]
    public async Task Absorbed_contact_hands_over_its_events_and_anonymous_ids_and_is_deleted()
    {
        var anonymous = await InsertContactAsync(null, "{}", "anon-1", "anon-2");
        var user = await InsertContactAsync("u1", "{}", "anon-3");
        await InsertEventAsync(anonymous, "a1");
        await InsertEventAsync(anonymous, "a2");
        await InsertEventAsync(user, "u1");

        await MergeAsync(anonymous, user);

        await using var ctx = _db.NewContext();
        Assert.Equal([user], await ctx.Contacts.Select(c => c.Id).ToListAsync());
        Assert.Equal(3, await ctx.Events.CountAsync(e => e.ContactId == user));
        Assert.Equal(["anon-1", "anon-2", "anon-3"],
            await ctx.ContactAliases.Where(a => a.ContactId == user).OrderBy(a => a.AnonymousId).Select(a => a.AnonymousId).ToListAsync());
    }

    [Fact]
    public async Task Survivors_traits_win_and_the_absorbed_ones_fill_the_gaps()
    {
        var anonymous = await InsertContactAsync(null, """{"name":"guest","cart":2}""");
        var user = await InsertContactAsync("u1", """{"name":"Ada","email":"ada@example.com"}""");

        await MergeAsync(anonymous, user);

        await using var ctx = _db.NewContext();
        var traits = await ctx.Contacts.Where(c => c.Id == user).Select(c => c.TraitsJson).SingleAsync();
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"name":"Ada","email":"ada@example.com","cart":2}"""), JsonNode.Parse(traits)), traits);
    }

    [Fact]
    public async Task Merging_with_a_missing_contact_changes_nothing()
    {
        var user = await InsertContactAsync("u1", """{"name":"Ada"}""");
        await InsertEventAsync(user, "e1");

        await MergeAsync(user, 9999);

        await using var ctx = _db.NewContext();
        Assert.Equal(1, await ctx.Contacts.CountAsync());
        Assert.Equal(user, await ctx.Events.Select(e => e.ContactId).SingleAsync());
    }

    [Fact]
    public async Task Other_contacts_are_not_touched()
    {
        var anonymous = await InsertContactAsync(null, "{}", "anon-1");
        var user = await InsertContactAsync("u1", "{}");
        var bystander = await InsertContactAsync("u2", """{"name":"Grace"}""", "anon-2");
        await InsertEventAsync(bystander, "b1");

        await MergeAsync(anonymous, user);

        await using var ctx = _db.NewContext();
        Assert.Equal(bystander, await ctx.Events.Where(e => e.MessageId == "b1").Select(e => e.ContactId).SingleAsync());
        Assert.Equal(bystander, await ctx.ContactAliases.Where(a => a.AnonymousId == "anon-2").Select(a => a.ContactId).SingleAsync());
        Assert.Equal("""{"name":"Grace"}""", await ctx.Contacts.Where(c => c.Id == bystander).Select(c => c.TraitsJson).SingleAsync());
    }
}
