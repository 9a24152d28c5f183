using System.Text;
using CampaignConsole.Core.Delivery;
using Microsoft.AspNetCore.Http;
using ChannelNames = CampaignConsole.Core.Delivery.Channels;

namespace CampaignConsole.Core.Tests.Delivery.Channels;

public class SmsSenderTests
{
    private const string MessagesPath = "/2010-04-01/Accounts/AC0123/Messages.json";

    private static Task<LoopbackHttpServer> Twilio(int status, string json) =>
        LoopbackHttpServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync(json);
        });

    private static IChannelSender Sender(LoopbackHttpServer server, string from = "+15550001111") =>
        ChannelHost.Build(new()
        {
            ["Sms:BaseUrl"] = server.BaseAddress.AbsoluteUri,
            ["Sms:AccountSid"] = "AC0123",
            ["Sms:AuthToken"] = "tok3n",
            ["Sms:From"] = from,
        }).Sender(ChannelNames.Sms);

    [Fact]
    public async Task Posts_a_Twilio_message_with_basic_auth_and_returns_the_sid()
    {
        await using var server = await Twilio(201, """{"sid":"SM9f0e","status":"queued","to":"+15557654321"}""");

        var outcome = await Sender(server).SendAsync(
            TestMessages.Create(ChannelNames.Sms, "Your basket misses you & 10% off: https://s.example/c?a=1", phone: "+15557654321", deliveryId: 77),
            CancellationToken.None);

        Assert.Equal(new SendOutcome(SendStatus.Sent, "queued", "SM9f0e"), outcome);
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal(MessagesPath, request.Path);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("AC0123:tok3n")), request.Header("Authorization"));
        Assert.StartsWith("application/x-www-form-urlencoded", request.Header("Content-Type"));
        Assert.Equal("77", request.Header("Idempotency-Key"));
        Assert.Equal(
            new Dictionary<string, string> { ["To"] = "+15557654321", ["From"] = "+15550001111", ["Body"] = "Your basket misses you & 10% off: https://s.example/c?a=1" },
            request.Form());
    }

    [Fact]
    public async Task A_messaging_service_sid_is_sent_as_MessagingServiceSid()
    {
        await using var server = await Twilio(201, """{"sid":"SM1"}""");

        await Sender(server, from: "MG42").SendAsync(TestMessages.Create(ChannelNames.Sms, "Hi", phone: "+15557654321"), CancellationToken.None);

        var form = Assert.Single(server.Requests).Form();
        Assert.Equal("MG42", form["MessagingServiceSid"]);
        Assert.False(form.ContainsKey("From"));
    }

    [Fact]
    public async Task A_rejected_number_is_permanent_with_the_providers_reason()
    {
        await using var server = await Twilio(400, """{"code":21211,"message":"The 'To' number +1555 is not a valid phone number.","status":400}""");

        var outcome = await Sender(server).SendAsync(TestMessages.Create(ChannelNames.Sms, "Hi", phone: "+1555"), CancellationToken.None);

        Assert.Equal(SendStatus.PermanentFailure, outcome.Status);
        Assert.Contains("21211 The 'To' number +1555 is not a valid phone number.", outcome.Detail);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Throttling_and_server_errors_are_retryable(int status)
    {
        await using var server = await Twilio(status, """{"code":20429,"message":"Too Many Requests"}""");

        var outcome = await Sender(server).SendAsync(TestMessages.Create(ChannelNames.Sms, "Hi", phone: "+15557654321"), CancellationToken.None);

        Assert.Equal(SendStatus.RetryableFailure, outcome.Status);
    }

    [Fact]
    public async Task An_unreachable_provider_is_retryable()
    {
        using var services = ChannelHost.Build(new()
        {
            ["Sms:BaseUrl"] = LoopbackHttpServer.ClosedPortUrl(),
            ["Sms:AccountSid"] = "AC0123",
            ["Sms:AuthToken"] = "tok3n",
            ["Sms:From"] = "+15550001111",
        });

        var outcome = await services.Sender(ChannelNames.Sms).SendAsync(TestMessages.Create(ChannelNames.Sms, "Hi", phone: "+15557654321"), CancellationToken.None);

        Assert.Equal(SendStatus.RetryableFailure, outcome.Status);
    }

    [Fact]
    public async Task A_contact_without_a_phone_fails_permanently()
    {
        await using var server = await Twilio(201, "{}");

        var outcome = await Sender(server).SendAsync(TestMessages.Create(ChannelNames.Sms, "Hi", phone: null), CancellationToken.None);

        Assert.Equal(new SendOutcome(SendStatus.PermanentFailure, "no phone trait"), outcome);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Without_credentials_sends_fail_permanently_naming_the_settings()
    {
        using var services = ChannelHost.Build([]);

        var outcome = await services.Sender(ChannelNames.Sms).SendAsync(TestMessages.Create(ChannelNames.Sms, "Hi", phone: "+15557654321"), CancellationToken.None);

        Assert.Equal(SendStatus.PermanentFailure, outcome.Status);
        Assert.Equal("sms is not configured (Sms:AccountSid, Sms:AuthToken, Sms:From)", outcome.Detail);
    }
}
