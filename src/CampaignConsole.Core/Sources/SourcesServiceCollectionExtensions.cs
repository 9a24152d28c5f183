using CampaignConsole.Core.Accounts;
using CampaignConsole.Core.Demo;
using CampaignConsole.Core.Persistence;
using CampaignConsole.Core.Sources;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

public static class SourcesServiceCollectionExtensions
{
    /// <summary>Sources and their keys, the first console login, and the optional demo data.</summary>
    public static IServiceCollection AddSources(this IServiceCollection services)
    {
        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section);
        // Demo data is on by default on the embedded database (a try-out), off on PostgreSQL (a real install).
        services.AddOptions<DemoOptions>().Configure<IConfiguration>((o, cfg) =>
            o.Seed = cfg.GetValue<bool?>("Demo:Seed")
                ?? cfg.GetValue(DatabaseOptions.Section + ":Provider", DatabaseProvider.Sqlite) == DatabaseProvider.Sqlite);
        services.AddSingleton<SourceKeyCache>();
        services.AddScoped<SourceService>();
        services.AddSingleton<StartupReport>();
        services.AddHostedService<SourceBootstrapper>();
        services.AddHostedService<AdminBootstrapper>();
        services.AddHostedService<DemoSeeder>();
        return services;
    }
}
