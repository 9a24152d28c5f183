using CampaignConsole.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>
    /// Registers the DbContext of the configured provider (`Database:Provider`) under the shared
    /// <see cref="CampaignDbContext"/> type, and migrates the database when the host starts.
    /// </summary>
    public static IServiceCollection AddCampaignPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var provider = configuration.GetValue(DatabaseOptions.Section + ":Provider", DatabaseProvider.Sqlite);
        var connectionString = configuration.GetConnectionString("Campaigns");

        if (provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Campaigns is not set.");
            services.AddDbContext<PostgresCampaignDbContext>(o => o.UseNpgsql(connectionString));
            services.AddScoped<CampaignDbContext>(sp => sp.GetRequiredService<PostgresCampaignDbContext>());
        }
        else
        {
            var sqlite = SqliteConnectionString(connectionString);
            services.AddDbContext<SqliteCampaignDbContext>(o => o.UseSqlite(sqlite).AddInterceptors(Pragmas));
            services.AddScoped<CampaignDbContext>(sp => sp.GetRequiredService<SqliteCampaignDbContext>());
        }

        services.AddSingleton(new DatabaseInfo(provider));
        // First hosted service: nothing else may touch the database before it is migrated.
        services.AddHostedService<DatabaseMigrator>();
        return services;
    }

    /// <summary>Stateless: one instance serves every context.</summary>
    private static readonly SqliteConnectionPragmas Pragmas = new();

    /// <summary>Makes the file's folder exist, so a fresh clone needs no set-up.</summary>
    private static string SqliteConnectionString(string? configured)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? DatabaseOptions.DefaultSqlite : configured);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:")
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        }
        builder.Pooling = true;
        return builder.ToString();
    }
}
