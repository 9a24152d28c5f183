using CampaignConsole.Core.Delivery;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class ChannelsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the outbound senders (webhook, email, sms, push) as <see cref="IChannelSender"/>s and their options
    /// ("Webhooks", "Email", "Sms", "Push:Fcm"). Unconfigured channels do not stop startup: their sends fail permanently.
    /// </summary>
    public static IServiceCollection AddChannels(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SmsOptions>().BindConfiguration(SmsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<FcmOptions>().BindConfiguration(FcmOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        // Webhook targets are arbitrary URLs: a redirect could turn the POST into a GET elsewhere, so none are followed.
        services.AddHttpClient(WebhookSender.HttpClientName, Timeout<WebhookOptions>(o => o.TimeoutSeconds))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddHttpClient(SmsSender.HttpClientName, Timeout<SmsOptions>(o => o.TimeoutSeconds));
        services.AddHttpClient(PushSender.HttpClientName, Timeout<FcmOptions>(o => o.TimeoutSeconds));
        services.AddHttpClient(FcmAccessTokens.HttpClientName, Timeout<FcmOptions>(o => o.TimeoutSeconds));

        services.TryAddSingleton<FcmAccessTokens>();
        services.TryAddSingleton<PushSentTokens>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannelSender, WebhookSender>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannelSender, EmailSender>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannelSender, SmsSender>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannelSender, PushSender>());
        return services;
    }

    private static Action<IServiceProvider, HttpClient> Timeout<TOptions>(Func<TOptions, int> seconds)
        where TOptions : class =>
        (sp, client) => client.Timeout = TimeSpan.FromSeconds(seconds(sp.GetRequiredService<IOptionsMonitor<TOptions>>().CurrentValue));
}
