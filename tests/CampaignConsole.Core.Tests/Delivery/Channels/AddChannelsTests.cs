using CampaignConsole.Core.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ChannelNames = CampaignConsole.Core.Delivery.Channels;

namespace CampaignConsole.Core.Tests.Delivery.Channels;

public class AddChannelsTests
{
    [Fact]
    public void Registers_one_sender_per_outbound_channel_once_even_when_called_twice()
    {
        var services = new ServiceCollection().AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(
            new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        services.AddChannels().AddChannels();
        using var provider = services.BuildServiceProvider();

        var channels = provider.GetServices<IChannelSender>().Select(s => s.Channel).Order().ToArray();

        Assert.Equal([ChannelNames.Email, ChannelNames.Push, ChannelNames.Sms, ChannelNames.Webhook], channels);
    }

    [Fact]
    public void Startup_validation_passes_with_no_channel_configured()
    {
        using var services = ChannelHost.Build([]);

        services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Theory]
    [InlineData("Email:Smtp:Port", "0")]
    [InlineData("Email:From", "not an address")]
    [InlineData("Webhooks:TimeoutSeconds", "0")]
    [InlineData("Sms:BaseUrl", "not a url")]
    [InlineData("Push:Fcm:TimeoutSeconds", "-1")]
    public void Invalid_settings_fail_startup_validation(string key, string value)
    {
        using var services = ChannelHost.Build(new() { [key] = value });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
    }

    [Fact]
    public void Settings_bind_from_their_sections()
    {
        using var services = ChannelHost.Build(new()
        {
            ["Email:Smtp:Host"] = "smtp.example.com",
            ["Email:Smtp:Port"] = "587",
            ["Email:Smtp:UseTls"] = "starttls",
            ["Email:From"] = "news@shop.example",
            ["Webhooks:TimeoutSeconds"] = "3",
            ["Push:Fcm:ProjectId"] = "demo",
        });

        var email = services.GetRequiredService<IOptions<EmailOptions>>().Value;
        Assert.Equal(("smtp.example.com", 587, SmtpTlsMode.StartTls), (email.Smtp.Host, email.Smtp.Port, email.Smtp.UseTls));
        Assert.Equal(3, services.GetRequiredService<IOptions<WebhookOptions>>().Value.TimeoutSeconds);
        Assert.Equal("demo", services.GetRequiredService<IOptions<FcmOptions>>().Value.ProjectId);
        Assert.Equal("https://api.twilio.com", services.GetRequiredService<IOptions<SmsOptions>>().Value.BaseUrl);
    }
}
