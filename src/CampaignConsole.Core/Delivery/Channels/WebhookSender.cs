using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CampaignConsole.Core.Delivery;

/// <summary>POSTs the rendered JSON body to the campaign's URL, signed with the campaign's secret.</summary>
internal sealed class WebhookSender(
    IHttpClientFactory clients,
    IOptionsMonitor<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookSender> logger) : IChannelSender
{
    public const string HttpClientName = "CampaignConsole.Webhooks";

    public string Channel => Channels.Webhook;

    public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        if (!Uri.TryCreate(message.Content.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return SendOutcome.Permanent($"webhook url must be an absolute http(s) URL, got '{message.Content.Url}'");
        }

        // The body is sent byte for byte as rendered, so what is signed is exactly what arrives.
        // Invalid JSON is refused rather than wrapped: receivers are promised JSON, and a template bug should be visible.
        var body = Encoding.UTF8.GetBytes(message.Content.Body);
        if (!IsJson(body, out var jsonError))
        {
            return SendOutcome.Permanent($"webhook body is not valid JSON: {jsonError}");
        }

        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } },
        };
        var deliveryId = message.DeliveryId.ToString(CultureInfo.InvariantCulture);
        request.Headers.Add(WebhookSignature.DeliveryIdHeader, deliveryId);
        request.Headers.Add("Idempotency-Key", deliveryId);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(message.SigningSecret))
        {
            request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Compute(message.SigningSecret, timestamp, body));
        }

        var client = clients.CreateClient(HttpClientName);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var status = HttpSendResults.Classify(response.StatusCode);
            if (status == SendStatus.Sent)
            {
                return SendOutcome.Sent(null, HttpSendResults.Describe(response));
            }

            var detail = (int)response.StatusCode is >= 300 and < 400
                ? $"webhook answered {HttpSendResults.Describe(response)} to {response.Headers.Location}; redirects are not followed"
                : $"webhook answered {HttpSendResults.Describe(response)}: {await HttpSendResults.SnippetAsync(response, ct)}";
            logger.LogInformation("Webhook delivery {DeliveryId} to {Host} failed: {Detail}", message.DeliveryId, url.Host, detail);
            return new SendOutcome(status, detail);
        }
        catch (Exception ex) when (HttpSendResults.IsTimeoutOrNetwork(ex, ct))
        {
            logger.LogInformation(ex, "Webhook delivery {DeliveryId} to {Host} failed", message.DeliveryId, url.Host);
            return HttpSendResults.FromException("webhook", ex, TimeSpan.FromSeconds(options.CurrentValue.TimeoutSeconds));
        }
    }

    private static bool IsJson(byte[] body, out string? error)
    {
        try
        {
            using var _ = JsonDocument.Parse(body);
            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            error = ex.Message;
            return false;
        }
    }
}
