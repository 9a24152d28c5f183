using System.ComponentModel.DataAnnotations;

namespace CampaignConsole.Core.Persistence;

public enum DatabaseProvider { Sqlite, Postgres }

public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string DefaultSqlite = "Data Source=data/campaigns.db";

    /// <summary>`Sqlite` (embedded default) or `Postgres` (scale-out).</summary>
    [Required]
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}
