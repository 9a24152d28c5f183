using CampaignConsole.Web.Components;
using MudBlazor.Services;

namespace Microsoft.Extensions.DependencyInjection
{

internal static class ConsoleServiceCollectionExtensions
{
    /// <summary>The Blazor Server console with MudBlazor.</summary>
    public static IServiceCollection AddConsoleUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        return services;
    }
}
}

namespace Microsoft.AspNetCore.Builder
{
    internal static class ConsoleEndpointRouteBuilderExtensions
    {
        public static RazorComponentsEndpointConventionBuilder MapConsole(this WebApplication app) =>
            app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }
}
