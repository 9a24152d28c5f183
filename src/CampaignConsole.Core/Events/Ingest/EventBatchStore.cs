using System.Data;
using System.Data.Common;
using CampaignConsole.Core.Contacts;

namespace CampaignConsole.Core.Events.Ingest;

/// <summary>
/// Writes messages inside one open transaction with prepared ADO.NET commands: the ingest hot path,
/// where EF's change tracker would cost more than the database. SQL is portable between SQLite and
/// PostgreSQL (quoted identifiers, ON CONFLICT, RETURNING).
/// </summary>
internal sealed class EventBatchStore : IDisposable
{
    private readonly DbCommand _findUser, _findAlias, _insertContact, _insertAlias, _insertEvent,
        _setUserId, _touchContact, _getTraits, _setTraits, _insertType;
    private readonly HashSet<string> _knownTypes;
    private readonly DateTime _now;
    // Within one transaction this store is the only writer of contacts, so ids resolved once stay
    // valid (until a merge, which clears them), and "last seen" is written once per contact.
    private readonly Dictionary<(string?, string?), long> _resolved = [];
    private readonly Dictionary<long, (string? Zone, string? DeviceZone)> _seen = [];

    public EventBatchStore(DbConnection conn, DbTransaction tx, HashSet<string> knownTypes, DateTime now)
    {
        _knownTypes = knownTypes;
        _now = now;
        _findUser = Cmd(conn, tx, """SELECT "Id" FROM "Contacts" WHERE "UserId" = @u""", ("@u", DbType.String));
        _findAlias = Cmd(conn, tx, """SELECT "ContactId" FROM "ContactAliases" WHERE "AnonymousId" = @a""", ("@a", DbType.String));
        _insertContact = Cmd(conn, tx,
            """INSERT INTO "Contacts" ("UserId", "TraitsJson", "CreatedAt", "LastSeenAt") VALUES (@u, '{}', @now, @now) RETURNING "Id" """,
            ("@u", DbType.String), ("@now", null));
        _insertAlias = Cmd(conn, tx,
            """INSERT INTO "ContactAliases" ("AnonymousId", "ContactId", "CreatedAt") VALUES (@a, @c, @now) ON CONFLICT DO NOTHING""",
            ("@a", DbType.String), ("@c", DbType.Int64), ("@now", null));
        _insertEvent = Cmd(conn, tx,
            """
            INSERT INTO "Events" ("SourceId", "MessageId", "ContactId", "Type", "Name", "PropertiesJson", "ContextJson", "UserId", "AnonymousId", "Timestamp", "ReceivedAt")
            VALUES (@s, @m, @c, @t, @n, @p, @x, @u, @a, @ts, @now)
            ON CONFLICT ("SourceId", "MessageId") DO NOTHING RETURNING "Id"
            """,
            ("@s", DbType.Int32), ("@m", DbType.String), ("@c", DbType.Int64), ("@t", DbType.String), ("@n", DbType.String),
            ("@p", DbType.String), ("@x", DbType.String), ("@u", DbType.String), ("@a", DbType.String), ("@ts", null), ("@now", null));
        _setUserId = Cmd(conn, tx, """UPDATE "Contacts" SET "UserId" = @u WHERE "Id" = @c""", ("@u", DbType.String), ("@c", DbType.Int64));
        _touchContact = Cmd(conn, tx,
            """
            UPDATE "Contacts" SET "LastSeenAt" = @now, "TimeZone" = COALESCE(@z, "TimeZone", @dz)
            WHERE "Id" = @c AND ("LastSeenAt" < @stale OR COALESCE("TimeZone", '') <> COALESCE(@z, "TimeZone", @dz, ''))
            """,
            ("@now", null), ("@z", DbType.String), ("@dz", DbType.String), ("@c", DbType.Int64), ("@stale", null));
        _getTraits = Cmd(conn, tx, """SELECT "TraitsJson" FROM "Contacts" WHERE "Id" = @c""", ("@c", DbType.Int64));
        _setTraits = Cmd(conn, tx, """UPDATE "Contacts" SET "TraitsJson" = @j WHERE "Id" = @c""", ("@j", DbType.String), ("@c", DbType.Int64));
        _insertType = Cmd(conn, tx,
            """INSERT INTO "EventTypes" ("Name", "Category", "Kind", "AutoRegistered", "CreatedAt") VALUES (@n, 'Other', 0, TRUE, @now) ON CONFLICT ("Name") DO NOTHING""",
            ("@n", DbType.String), ("@now", null));
        Conn = conn;
        Tx = tx;
    }

    /// <summary>
    /// "Last seen" is kept to the minute: a contact sending many events is not rewritten (row and index)
    /// for each of them, which is most of what an active visitor's events would otherwise cost.
    /// </summary>
    public static readonly TimeSpan LastSeenPrecision = TimeSpan.FromMinutes(1);

    public DbConnection Conn { get; }
    public DbTransaction Tx { get; }

    /// <summary>Stores one message; returns null when its messageId was already stored (a retry).</summary>
    public async Task<IngestedEvent?> WriteAsync(int sourceId, IngestMessage m, CancellationToken ct)
    {
        var contactId = await ResolveContactAsync(m.UserId, m.AnonymousId, ct);
        var eventId = await ScalarAsync<long?>(_insertEvent, ct, sourceId, m.MessageId, contactId, m.Type, m.Name,
            m.PropertiesJson, m.ContextJson, m.UserId, m.AnonymousId, m.Timestamp, _now);
        if (eventId is null) return null;

        if (m.TraitsJson is not null && m.Type == "identify")
        {
            var existing = await ScalarAsync<string>(_getTraits, ct, contactId) ?? "{}";
            using var incoming = System.Text.Json.JsonDocument.Parse(m.TraitsJson);
            await ExecAsync(_setTraits, ct, TraitMerge.Merge(existing, incoming.RootElement), contactId);
        }
        if (m.Type == "alias" && m.PreviousId is not null)
            await AliasAsync(m.PreviousId, contactId, ct);
        _seen[contactId] = _seen.TryGetValue(contactId, out var before)
            ? (m.TimeZone ?? before.Zone, m.ContextTimeZone ?? before.DeviceZone)
            : (m.TimeZone, m.ContextTimeZone);

        if (m.Type == "track" && _knownTypes.Add(m.Name))
            await ExecAsync(_insertType, ct, m.Name, _now);

        return new IngestedEvent(eventId.Value, sourceId, contactId, m.Type, m.Name, m.PropertiesJson, m.Timestamp);
    }

    /// <summary>Writes what was deferred (last seen, time zone): call once, before the commit.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        foreach (var (contactId, (zone, deviceZone)) in _seen)
            await ExecAsync(_touchContact, ct, _now, zone, deviceZone, contactId, _now - LastSeenPrecision);
        _seen.Clear();
    }

    private async Task<long> ResolveContactAsync(string? userId, string? anonymousId, CancellationToken ct)
    {
        if (_resolved.TryGetValue((userId, anonymousId), out var known)) return known;
        var id = await ResolveUncachedAsync(userId, anonymousId, ct);
        _resolved[(userId, anonymousId)] = id;
        return id;
    }

    /// <summary>
    /// One customer whatever ids they came with: an anonymous id seen before a userId becomes that user's;
    /// an anonymous contact met again under a known user is merged into the user.
    /// </summary>
    private async Task<long> ResolveUncachedAsync(string? userId, string? anonymousId, CancellationToken ct)
    {
        long? byAlias = anonymousId is null ? null : await ScalarAsync<long?>(_findAlias, ct, anonymousId);
        if (userId is null)
        {
            if (byAlias is { } known) return known;
            var created = (await ScalarAsync<long?>(_insertContact, ct, null, _now))!.Value;
            await ExecAsync(_insertAlias, ct, anonymousId, created, _now);
            return created;
        }

        var byUser = await ScalarAsync<long?>(_findUser, ct, userId);
        if (byUser is { } user)
        {
            if (anonymousId is null) return user;
            if (byAlias is null) await ExecAsync(_insertAlias, ct, anonymousId, user, _now);
            else if (byAlias != user && await UserIdOfAsync(byAlias.Value, ct) is null)
                await MergeAsync(byAlias.Value, user, ct);
            return user;
        }

        if (byAlias is { } anonymous && await UserIdOfAsync(anonymous, ct) is null)
        {
            await ExecAsync(_setUserId, ct, userId, anonymous);
            return anonymous;
        }
        var id = (await ScalarAsync<long?>(_insertContact, ct, userId, _now))!.Value;
        if (anonymousId is not null && byAlias is null) await ExecAsync(_insertAlias, ct, anonymousId, id, _now);
        return id;
    }

    /// <summary>Segment's alias: previousId (an anonymous id or an old user id) is the same person.</summary>
    private async Task AliasAsync(string previousId, long contactId, CancellationToken ct)
    {
        var previous = await ScalarAsync<long?>(_findUser, ct, previousId) ?? await ScalarAsync<long?>(_findAlias, ct, previousId);
        if (previous is null) await ExecAsync(_insertAlias, ct, previousId, contactId, _now);
        else if (previous != contactId) await MergeAsync(previous.Value, contactId, ct);
    }

    private async Task MergeAsync(long absorbed, long survivor, CancellationToken ct)
    {
        await ContactMerger.MergeAsync(Conn, Tx, absorbed, survivor, ct);
        _resolved.Clear();
        _seen.Remove(absorbed);
        _seen.TryAdd(survivor, (null, null));
    }

    private async Task<string?> UserIdOfAsync(long contactId, CancellationToken ct)
    {
        await using var cmd = Conn.CreateCommand();
        cmd.Transaction = Tx;
        cmd.CommandText = """SELECT "UserId" FROM "Contacts" WHERE "Id" = @c""";
        Add(cmd, "@c", DbType.Int64).Value = contactId;
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    private static DbCommand Cmd(DbConnection conn, DbTransaction tx, string sql, params (string Name, DbType? Type)[] ps)
    {
        var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, type) in ps) Add(cmd, name, type);
        return cmd;
    }

    private static DbParameter Add(DbCommand cmd, string name, DbType? type)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        // Dates are left untyped: Npgsql maps a UTC DateTime to timestamptz only by inference.
        if (type is { } t) p.DbType = t;
        cmd.Parameters.Add(p);
        return p;
    }

    private static void Bind(DbCommand cmd, object?[] values)
    {
        for (var i = 0; i < values.Length; i++) cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
    }

    private static async Task ExecAsync(DbCommand cmd, CancellationToken ct, params object?[] values)
    {
        Bind(cmd, values);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<T?> ScalarAsync<T>(DbCommand cmd, CancellationToken ct, params object?[] values)
    {
        Bind(cmd, values);
        var result = await cmd.ExecuteScalarAsync(ct);
        if (result is null or DBNull) return default;
        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return (T)Convert.ChangeType(result, target, System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        foreach (var c in new[] { _findUser, _findAlias, _insertContact, _insertAlias, _insertEvent, _setUserId, _touchContact, _getTraits, _setTraits, _insertType })
            c.Dispose();
    }
}
