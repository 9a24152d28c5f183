using CampaignConsole.Core.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ChannelNames = CampaignConsole.Core.Delivery.Channels;

namespace CampaignConsole.Core.Tests.Delivery.Channels;

public class EmailSenderTests(SmtpTestServer smtp) : IClassFixture<SmtpTestServer>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private IChannelSender Sender(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtp.Port.ToString(),
            ["Email:From"] = "Shop <news@shop.example>",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return ChannelHost.Build(settings, new FakeTimeProvider(Now)).Sender(ChannelNames.Email);
    }

    [Fact]
    public async Task Delivers_html_with_a_plain_text_alternative_to_a_real_smtp_server()
    {
        const string html = """<html><head><style>p{color:red}</style></head><body><h1>Still thinking?</h1><p>Hi Ada,<br>your basket &amp; its <b>3</b> items wait.</p><p><a href="https://shop.example/cart">Back to your basket</a></p></body></html>""";

        var outcome = await Sender().SendAsync(
            TestMessages.Create(ChannelNames.Email, html, subject: "Still thinking?", email: "ada@example.com", deliveryId: 1234),
            CancellationToken.None);

        Assert.Equal(SendStatus.Sent, outcome.Status);
        Assert.Equal("campaign-console.1234@shop.example", outcome.ProviderMessageId);
        var (message, envelope) = smtp.Received("ada@example.com");
        Assert.Equal("news@shop.example", envelope.GetProperty("mailFrom").GetString());
        Assert.Equal("ada@example.com", Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal("\"Shop\" <news@shop.example>", message.From.ToString());
        Assert.Equal("Still thinking?", message.Subject);
        Assert.Equal("campaign-console.1234@shop.example", message.MessageId);
        Assert.Equal("1234", message.Headers["X-Campaign-Delivery-Id"]);
        Assert.Equal("basket-recovery", message.Headers["X-Campaign-Id"]);
        Assert.Equal(Now, message.Date);
        Assert.Equal(html, message.HtmlBody?.TrimEnd());
        Assert.Equal(
            "Still thinking?\n\nHi Ada,\nyour basket & its 3 items wait.\n\nBack to your basket (https://shop.example/cart)",
            message.TextBody?.ReplaceLineEndings("\n").Trim());
    }

    [Fact]
    public async Task Authenticates_when_a_user_name_is_configured()
    {
        var outcome = await Sender(new() { ["Email:Smtp:UserName"] = "campaign", ["Email:Smtp:Password"] = "s3cret" })
            .SendAsync(TestMessages.Create(ChannelNames.Email, "<p>Hi</p>", subject: "Auth", email: "auth@example.com"), CancellationToken.None);

        Assert.Equal(SendStatus.Sent, outcome.Status);
        Assert.Equal("campaign", smtp.Received("auth@example.com").Envelope.GetProperty("login").GetString());
    }

    [Fact]
    public async Task Refused_credentials_are_permanent()
    {
        var outcome = await Sender(new() { ["Email:Smtp:UserName"] = "campaign", ["Email:Smtp:Password"] = "wrong" })
            .SendAsync(TestMessages.Create(ChannelNames.Email, "<p>Hi</p>", email: "badauth@example.com"), CancellationToken.None);

        Assert.Equal(SendStatus.PermanentFailure, outcome.Status);
        Assert.Contains("authentication failed", outcome.Detail);
        Assert.Equal(0, smtp.ReceivedCount("badauth@example.com"));
    }

    [Fact]
    public async Task A_mailbox_refused_with_5xx_is_permanent()
    {
        var outcome = await Sender().SendAsync(TestMessages.Create(ChannelNames.Email, "<p>Hi</p>", email: "reject-me@example.com"), CancellationToken.None);

        Assert.Equal(SendStatus.PermanentFailure, outcome.Status);
        Assert.Contains("550", outcome.Detail);
    }

    [Fact]
    public async Task A_4xx_reply_is_retryable()
    {
        var outcome = await Sender().SendAsync(TestMessages.Create(ChannelNames.Email, "<p>Hi</p>", email: "busy-me@example.com"), CancellationToken.None);

        Assert.Equal(SendStatus.RetryableFailure, outcome.Status);
        Assert.Contains("451", outcome.Detail);
    }

    [Fact]
    public async Task An_unreachable_smtp_server_is_retryable()
    {
        var closedPort = new Uri(LoopbackHttpServer.ClosedPortUrl()).Port;

        var outcome = await Sender(new() { ["Email:Smtp:Port"] = closedPort.ToString() })
            .SendAsync(TestMessages.Create(ChannelNames.Email, "<p>Hi</p>", email: "ada@example.com"), CancellationToken.None);

        Assert.Equal(SendStatus.RetryableFailure, outcome.Status);
        Assert.Contains("unavailable", outcome.Detail);
    }

    [Fact]
    public async Task A_contact_without_an_email_address_fails_permanently()
    {
        var outcome = await Sender().SendAsync(TestMessages.Create(ChannelNames.Email, "<p>Hi</p>", email: null), CancellationToken.None);

        Assert.Equal(new SendOutcome(SendStatus.PermanentFailure, "no email trait"), outcome);
    }

    [Fact]
    public async Task An_unparseable_email_address_fails_permanently()
    {
        var outcome = await Sender().SendAsync(TestMessages.Create(ChannelNames.Email, "<p>Hi</p>", email: "not an address@@"), CancellationToken.None);

        Assert.Equal(SendStatus.PermanentFailure, outcome.Status);
        Assert.Contains("invalid email address", outcome.Detail);
    }

    [Fact]
    public async Task Without_an_smtp_host_sends_fail_permanently_naming_the_setting()
    {
        using var services = ChannelHost.Build([]);

        var outcome = await services.Sender(ChannelNames.Email)
            .SendAsync(TestMessages.Create(ChannelNames.Email, "<p>Hi</p>", email: "ada@example.com"), CancellationToken.None);

        Assert.Equal(new SendOutcome(SendStatus.PermanentFailure, "email is not configured (Email:Smtp:Host)"), outcome);
    }

    [Fact]
    public async Task Without_a_from_address_sends_fail_permanently_naming_the_setting()
    {
        using var services = ChannelHost.Build(new() { ["Email:Smtp:Host"] = "127.0.0.1" });

        var outcome = await services.Sender(ChannelNames.Email)
            .SendAsync(TestMessages.Create(ChannelNames.Email, "<p>Hi</p>", email: "ada@example.com"), CancellationToken.None);

        Assert.Equal(new SendOutcome(SendStatus.PermanentFailure, "email is not configured (Email:From)"), outcome);
    }
}
