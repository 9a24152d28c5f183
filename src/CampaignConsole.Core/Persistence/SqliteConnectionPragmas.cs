using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CampaignConsole.Core.Persistence;

/// <summary>
/// Per-connection SQLite settings, applied whenever EF opens a connection:
/// <list type="bullet">
/// <item>`busy_timeout`: a writer that finds the write lock taken waits inside SQLite with its short
/// back-off, instead of Microsoft.Data.Sqlite's 150 ms sleep per retry (a commit takes ~2 ms). Same
/// limit as the command timeout.</item>
/// <item>`synchronous = NORMAL` (WAL): a commit survives a process crash and is fsynced at checkpoints
/// rather than at every commit. A power cut can lose only a suffix of the WAL, which stays consistent:
/// the engine's cursor rolls back with the entries it covered, so they are matched again from the
/// event log. Ingestion, which answers clients, sets `synchronous = FULL` on its own connection
/// (IngestWriter): an acknowledged event is on disk.</item>
/// </list>
/// </summary>
internal sealed class SqliteConnectionPragmas : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var cmd = Command(connection);
        cmd.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var cmd = Command(connection);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand Command(DbConnection connection)
    {
        var cmd = connection.CreateCommand();
        var seconds = connection is SqliteConnection s && s.DefaultTimeout > 0 ? s.DefaultTimeout : 30;
        cmd.CommandText = $"PRAGMA busy_timeout = {seconds * 1000}; PRAGMA synchronous = NORMAL;";
        return cmd;
    }
}
