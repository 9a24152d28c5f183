using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CampaignConsole.Core.Persistence;

/// <summary>Lets `dotnet ef migrations add … --context SqliteCampaignDbContext` run without the host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCampaignDbContext>
{
    public SqliteCampaignDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCampaignDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresCampaignDbContext>
{
    public PostgresCampaignDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCampaignDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
