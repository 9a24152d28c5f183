using CampaignConsole.Core.Campaigns;
using CampaignConsole.Core.Contacts;
using CampaignConsole.Core.Delivery;
using CampaignConsole.Core.Scheduling;
using CampaignConsole.Core.Segments;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;

namespace Microsoft.Extensions.DependencyInjection;

public static class CampaignsServiceCollectionExtensions
{
    /// <summary>
    /// The engine: segments, campaigns, matching (mediator handlers on committed events), journeys
    /// scheduled with Quartz, and the delivery outbox with its dispatcher.
    /// </summary>
    public static IServiceCollection AddCampaigns(this IServiceCollection services)
    {
        services.AddOptions<EngineOptions>().BindConfiguration(EngineOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddTemplates();
        services.AddChannels();
        services.AddScoped<SegmentService>();
        services.AddScoped<CampaignService>();
        services.AddScoped<CampaignEntry>();
        services.AddScoped<JourneyRunner>();
        services.AddScoped<ApiTrigger>();
        services.AddScoped<TestMessageService>();
        services.AddScoped<CampaignConsole.Core.Inbox.InboxService>();
        services.AddScoped<ITimelineSource, DeliveryTimelineSource>();
        services.AddSingleton<CampaignIndex>();
        services.AddSingleton<JourneyQueue>();
        services.AddSingleton<DeliverySignal>();
        services.AddSingleton<FanOutSignal>();
        services.TryAddSingleton<IRealtimeNotifier, NullRealtimeNotifier>();
        foreach (var channel in new[] { Channels.InApp, Channels.OnSite, Channels.Inbox })
            services.AddSingleton<IChannelSender>(new RealtimeChannelSender(channel));

        services.AddQuartz(q => q.AddJob(typeof(JourneyWakeJob), j => j.WithIdentity(JourneyWakeJob.Key).StoreDurably(true)));
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddSingleton<IJourneyScheduler, QuartzJourneyScheduler>();

        services.AddHostedService<EventProcessor>();
        services.AddHostedService<JourneyWorker>();
        services.AddHostedService<FanOutWorker>();
        services.AddHostedService<DeliveryDispatcher>();
        services.AddHostedService<CampaignScheduleSweeper>();
        services.AddSingleton<CampaignConsole.Core.Inbox.AckWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<CampaignConsole.Core.Inbox.AckWriter>());
        return services;
    }
}
