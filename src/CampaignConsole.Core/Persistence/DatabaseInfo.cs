namespace CampaignConsole.Core.Persistence;

/// <summary>Which provider is in use, for the few places that write provider-specific SQL.</summary>
public sealed record DatabaseInfo(DatabaseProvider Provider)
{
    public bool IsSqlite => Provider == DatabaseProvider.Sqlite;
}
