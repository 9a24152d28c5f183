using CampaignConsole.Core.Delivery;
using CampaignConsole.Web.Hubs;

namespace Microsoft.Extensions.DependencyInjection
{
    internal static class HubsServiceCollectionExtensions
    {
        public const string SdkCors = "sdk";

        /// <summary>SignalR for the SDK; with `SignalR:Redis` set, a Redis backplane for scale-out.</summary>
        public static IServiceCollection AddMessagesHub(this IServiceCollection services, IConfiguration configuration)
        {
            var signalR = services.AddSignalR(o => o.MaximumReceiveMessageSize = 32 * 1024);
            if (configuration["SignalR:Redis"] is { Length: > 0 } redis) signalR.AddStackExchangeRedis(redis);
            services.AddSingleton<ConnectionTracker>();
            services.AddSingleton<IRealtimeNotifier, SignalRRealtimeNotifier>();
            // Websites on any origin embed the SDK; the hub's own admission checks the source's allowed origins.
            services.AddCors(o => o.AddPolicy(SdkCors, p => p.AllowAnyOrigin().AllowAnyHeader().WithMethods("GET", "POST")));
            return services;
        }
    }
}

namespace Microsoft.AspNetCore.Builder
{
    internal static class HubsEndpointRouteBuilderExtensions
    {
        /// <summary>`/hubs/messages`, admission-checked for negotiate and every transport.</summary>
        public static HubEndpointConventionBuilder MapMessagesHub(this WebApplication app)
        {
            app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/hubs/messages") && !HttpMethods.IsOptions(ctx.Request.Method),
                branch => branch.UseMiddleware<HubAdmission>());
            return app.MapHub<MessagesHub>("/hubs/messages", o => o.AllowStatefulReconnects = true)
                .RequireCors(HubsServiceCollectionExtensions.SdkCors);
        }
    }
}
