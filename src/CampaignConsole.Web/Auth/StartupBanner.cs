using CampaignConsole.Core.Sources;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CampaignConsole.Web.Auth
{

/// <summary>Once the server listens, prints where it is and how to get in: URL, keys and login.</summary>
internal sealed class StartupBanner(IHostApplicationLifetime lifetime, IServer server, StartupReport report) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Print);
        return Task.CompletedTask;
    }

    private void Print()
    {
        var url = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "(no address)";
        var lines = new List<string>
        {
            "",
            "  Campaign Console is running",
            $"  Console:     {url}/",
            $"  Login:       {report.AdminEmail ?? "(existing user)"}{(report.AdminPassword is null ? "" : " / " + report.AdminPassword)}",
            $"  Write key:   {report.WriteKey}   (SDK and /v1/* ingestion)",
            $"  Secret key:  {report.SecretKey}   (Authorization: Bearer … for /api/v1/*)",
            $"  API docs:    {url}/openapi/v1.json",
        };
        if (report.DemoSeeded) lines.Add("  Demo data seeded (Demo:Seed=false to skip).");
        lines.Add("");
        Console.WriteLine(string.Join(Environment.NewLine, lines));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
}


namespace Microsoft.Extensions.DependencyInjection
{
    internal static class StartupBannerServiceCollectionExtensions
    {
        public static IServiceCollection AddStartupBanner(this IServiceCollection services) =>
            services.AddHostedService<CampaignConsole.Web.Auth.StartupBanner>();
    }
}
