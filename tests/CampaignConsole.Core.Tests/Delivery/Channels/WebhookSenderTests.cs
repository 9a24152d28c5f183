using System.Security.Cryptography;
using System.Text;
using CampaignConsole.Core.Delivery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using ChannelNames = CampaignConsole.Core.Delivery.Channels;

namespace CampaignConsole.Core.Tests.Delivery.Channels;

public class WebhookSenderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static Task<LoopbackHttpServer> Answering(int status) =>
        LoopbackHttpServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = status;
            return context.Response.WriteAsync("""{"error":"nope"}""");
        });

    private static IChannelSender Sender(int timeoutSeconds = 10) =>
        ChannelHost.Build(new() { ["Webhooks:TimeoutSeconds"] = timeoutSeconds.ToString() }, new FakeTimeProvider(Now)).Sender(ChannelNames.Webhook);

    [Fact]
    public async Task Posts_the_rendered_body_byte_for_byte_signed_over_timestamp_and_body()
    {
        await using var server = await Answering(204);
        const string body = """{"user":"u1","items":[{"sku":"A1","price":30}],"note":"café"}""";

        var outcome = await Sender().SendAsync(
            TestMessages.Create(ChannelNames.Webhook, body, url: server.Url("/hooks/cart?x=1"), secret: "whsec_test", deliveryId: 9001),
            CancellationToken.None);

        Assert.Equal(SendStatus.Sent, outcome.Status);
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/hooks/cart", request.Path);
        Assert.Equal("application/json; charset=utf-8", request.Header("Content-Type"));
        Assert.Equal(Encoding.UTF8.GetBytes(body), request.Body);
        Assert.Equal("9001", request.Header("X-Campaign-Delivery-Id"));
        Assert.Equal("9001", request.Header("Idempotency-Key"));
        var timestamp = Now.ToUnixTimeSeconds().ToString();
        Assert.Equal(timestamp, request.Header("X-Campaign-Timestamp"));
        // Computed here independently of the sender: what a receiver would do.
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes("whsec_test"), Encoding.UTF8.GetBytes(timestamp + "." + body));
        Assert.Equal("sha256=" + Convert.ToHexStringLower(expected), request.Header("X-Campaign-Signature"));
        Assert.True(WebhookSignature.Verify("whsec_test", Now.ToUnixTimeSeconds(), request.Body, request.Header("X-Campaign-Signature")));
    }

    [Fact]
    public async Task Without_a_signing_secret_no_signature_header_is_sent()
    {
        await using var server = await Answering(200);

        var outcome = await Sender().SendAsync(TestMessages.Create(ChannelNames.Webhook, "{}", url: server.Url("/h")), CancellationToken.None);

        Assert.Equal(SendStatus.Sent, outcome.Status);
        var request = Assert.Single(server.Requests);
        Assert.Null(request.Header("X-Campaign-Signature"));
        Assert.NotNull(request.Header("X-Campaign-Timestamp"));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(429)]
    [InlineData(408)]
    public async Task Server_errors_throttling_and_request_timeouts_are_retryable(int status)
    {
        await using var server = await Answering(status);

        var outcome = await Sender().SendAsync(TestMessages.Create(ChannelNames.Webhook, "{}", url: server.Url("/h")), CancellationToken.None);

        Assert.Equal(SendStatus.RetryableFailure, outcome.Status);
        Assert.Contains(status.ToString(), outcome.Detail);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    [InlineData(410)]
    [InlineData(422)]
    public async Task Other_client_errors_are_permanent(int status)
    {
        await using var server = await Answering(status);

        var outcome = await Sender().SendAsync(TestMessages.Create(ChannelNames.Webhook, "{}", url: server.Url("/h")), CancellationToken.None);

        Assert.Equal(SendStatus.PermanentFailure, outcome.Status);
        Assert.Contains($"HTTP {status}", outcome.Detail);
        Assert.Contains("nope", outcome.Detail);
    }

    [Fact]
    public async Task Redirects_are_not_followed()
    {
        await using var server = await LoopbackHttpServer.StartAsync((context, _) =>
        {
            context.Response.Redirect("/elsewhere");
            return Task.CompletedTask;
        });

        var outcome = await Sender().SendAsync(TestMessages.Create(ChannelNames.Webhook, "{}", url: server.Url("/h")), CancellationToken.None);

        Assert.Equal(SendStatus.PermanentFailure, outcome.Status);
        Assert.Contains("redirects are not followed", outcome.Detail);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_slow_endpoint_times_out_as_retryable()
    {
        await using var server = await LoopbackHttpServer.StartAsync(async (context, _) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
        });

        var outcome = await Sender(timeoutSeconds: 1).SendAsync(TestMessages.Create(ChannelNames.Webhook, "{}", url: server.Url("/h")), CancellationToken.None);

        Assert.Equal(SendStatus.RetryableFailure, outcome.Status);
        Assert.Contains("timed out after 1 s", outcome.Detail);
    }

    [Fact]
    public async Task An_unreachable_endpoint_is_retryable()
    {
        var outcome = await Sender().SendAsync(TestMessages.Create(ChannelNames.Webhook, "{}", url: LoopbackHttpServer.ClosedPortUrl()), CancellationToken.None);

        Assert.Equal(SendStatus.RetryableFailure, outcome.Status);
        Assert.Contains("unreachable", outcome.Detail);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_reported_as_a_failure()
    {
        await using var server = await LoopbackHttpServer.StartAsync(async (context, _) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
        });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Sender().SendAsync(TestMessages.Create(ChannelNames.Webhook, "{}", url: server.Url("/h")), cts.Token));
    }

    [Theory]
    [InlineData("ftp://example.com/hook")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/relative/hook")]
    [InlineData("not a url")]
    [InlineData(null)]
    public async Task Only_absolute_http_and_https_urls_are_accepted(string? url)
    {
        var outcome = await Sender().SendAsync(TestMessages.Create(ChannelNames.Webhook, "{}", url: url), CancellationToken.None);

        Assert.Equal(SendStatus.PermanentFailure, outcome.Status);
        Assert.Contains("absolute http(s) URL", outcome.Detail);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_refused_without_calling_the_endpoint()
    {
        await using var server = await Answering(200);

        var outcome = await Sender().SendAsync(TestMessages.Create(ChannelNames.Webhook, "Hello {{ oops", url: server.Url("/h")), CancellationToken.None);

        Assert.Equal(SendStatus.PermanentFailure, outcome.Status);
        Assert.Contains("not valid JSON", outcome.Detail);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void The_signature_covers_the_timestamp_so_a_replayed_body_with_a_new_timestamp_fails_verification()
    {
        var body = Encoding.UTF8.GetBytes("""{"a":1}""");
        var header = WebhookSignature.Compute("s", 1_700_000_000, body);

        Assert.True(WebhookSignature.Verify("s", 1_700_000_000, body, header));
        Assert.False(WebhookSignature.Verify("s", 1_700_000_999, body, header));
        Assert.False(WebhookSignature.Verify("other", 1_700_000_000, body, header));
    }
}
