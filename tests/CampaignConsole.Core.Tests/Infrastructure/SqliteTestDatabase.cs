using CampaignConsole.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CampaignConsole.Core.Tests.Infrastructure;

/// <summary>A migrated SQLite file of its own for one test, deleted afterwards.</summary>
internal sealed class SqliteTestDatabase : IAsyncDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"cc-core-{Guid.NewGuid():N}.db");

    private SqliteTestDatabase() { }

    public string ConnectionString => $"Data Source={_path}";

    public static async Task<SqliteTestDatabase> CreateAsync()
    {
        var database = new SqliteTestDatabase();
        await using var db = database.NewContext();
        await db.Database.MigrateAsync();
        return database;
    }

    public SqliteCampaignDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SqliteCampaignDbContext>().UseSqlite(ConnectionString).Options);

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        await Task.Yield();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
            File.Delete(file);
    }
}
