using CampaignConsole.Core.Templates;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

public static class TemplatesServiceCollectionExtensions
{
    /// <summary>Registers <see cref="ITemplateRenderer"/> (Liquid via Scriban) and its options ("Templates").</summary>
    public static IServiceCollection AddTemplates(this IServiceCollection services)
    {
        services.AddOptions<TemplateOptions>()
            .BindConfiguration("Templates")
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        // Singleton: the parsed-template cache is only worth having if it is shared.
        services.TryAddSingleton<ITemplateRenderer, ScribanLiquidRenderer>();
        return services;
    }
}
