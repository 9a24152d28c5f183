using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CampaignConsole.Core.Persistence;

/// <summary>
/// SQLite in WAL mode with synchronous=NORMAL for the engine and the console: a commit survives a
/// process crash but is fsynced at checkpoints rather than at every commit. What this risks on a
/// power cut is a suffix of the WAL, which is consistent (the engine's cursor rolls back with the
/// entries it covered, so they are matched again from the event log). Ingestion, which answers
/// clients, sets synchronous=FULL on its own connection (IngestWriter): an acknowledged event is on disk.
/// </summary>
internal sealed class SqliteSynchronousInterceptor : DbConnectionInterceptor
{
    public const string Normal = "PRAGMA synchronous = NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Normal;
        cmd.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Normal;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}
