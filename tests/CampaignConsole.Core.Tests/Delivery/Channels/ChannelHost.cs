using System.Text.Json.Nodes;
using CampaignConsole.Core.Delivery;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignConsole.Core.Tests.Delivery.Channels;

/// <summary>The senders as the application wires them: <c>AddChannels()</c> over in-memory configuration.</summary>
internal static class ChannelHost
{
    public static ServiceProvider Build(Dictionary<string, string?> settings, TimeProvider? time = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        return services.AddChannels().BuildServiceProvider();
    }

    public static IChannelSender Sender(this ServiceProvider services, string channel) =>
        services.GetServices<IChannelSender>().Single(s => s.Channel == channel);
}

internal static class TestMessages
{
    public static OutgoingMessage Create(
        string channel,
        string body = "Hello",
        string? url = null,
        string? subject = null,
        string? title = null,
        string? email = null,
        string? phone = null,
        IReadOnlyList<string>? tokens = null,
        string? secret = null,
        long deliveryId = 42,
        JsonObject? data = null) =>
        new(deliveryId, "basket-recovery", channel,
            new Recipient(7, "u1", email, phone, tokens ?? []),
            new RenderedContent(subject, title, body, url, data),
            secret);
}
