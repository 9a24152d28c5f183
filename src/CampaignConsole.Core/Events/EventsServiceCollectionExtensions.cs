using CampaignConsole.Core.Contacts;
using CampaignConsole.Core.Events;
using CampaignConsole.Core.Events.Ingest;

namespace Microsoft.Extensions.DependencyInjection;

public static class EventsServiceCollectionExtensions
{
    /// <summary>Ingestion (the single group-committing writer), event types and the event history.</summary>
    public static IServiceCollection AddEvents(this IServiceCollection services)
    {
        services.AddSingleton<CommittedEventFeed>();
        services.AddSingleton<IngestWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<IngestWriter>());
        services.AddScoped<EventQueries>();
        services.AddScoped<EventTypeService>();
        services.AddScoped<SystemEventService>();
        services.AddScoped<ITimelineSource, EventTimelineSource>();
        return services;
    }
}
