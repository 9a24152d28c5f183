using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CampaignConsole.Core.Persistence;

/// <summary>
/// Sets SQLite's own busy timeout on every connection EF opens. Without it, a writer that finds the
/// write lock taken gets SQLITE_BUSY at once and Microsoft.Data.Sqlite retries only after sleeping
/// 150 ms, however briefly the lock is held (a commit takes ~2 ms); with it, SQLite waits inside the
/// call with its short back-off and goes on soon after the lock is released. Same limit as the
/// command timeout, so nothing waits longer than before; transactions and answers are unchanged.
/// </summary>
internal sealed class SqliteBusyTimeoutInterceptor : DbConnectionInterceptor
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
        cmd.CommandText = $"PRAGMA busy_timeout = {seconds * 1000};";
        return cmd;
    }
}
