using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CampaignConsole.Core.Delivery;

/// <summary>Sends SMS through Twilio's Messages API (POST /2010-04-01/Accounts/{sid}/Messages.json).</summary>
internal sealed class SmsSender(IHttpClientFactory clients, IOptionsMonitor<SmsOptions> options, ILogger<SmsSender> logger) : IChannelSender
{
    public const string HttpClientName = "CampaignConsole.Sms";

    public string Channel => Channels.Sms;

    public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var settings = options.CurrentValue;
        if (string.IsNullOrWhiteSpace(settings.AccountSid) || string.IsNullOrWhiteSpace(settings.AuthToken) || string.IsNullOrWhiteSpace(settings.From))
        {
            return SendOutcome.Permanent("sms is not configured (Sms:AccountSid, Sms:AuthToken, Sms:From)");
        }

        if (string.IsNullOrWhiteSpace(message.Recipient.Phone))
        {
            return SendOutcome.Permanent("no phone trait");
        }

        var url = $"{settings.BaseUrl.TrimEnd('/')}/2010-04-01/Accounts/{Uri.EscapeDataString(settings.AccountSid)}/Messages.json";
        // A Messaging Service picks the sending number itself; Twilio wants its SID in a different field.
        var fromField = settings.From.StartsWith("MG", StringComparison.Ordinal) ? "MessagingServiceSid" : "From";
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent(
            [
                new("To", message.Recipient.Phone),
                new(fromField, settings.From),
                new("Body", message.Content.Body),
            ]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.AccountSid}:{settings.AuthToken}")));
        // Twilio ignores it; Twilio-compatible gateways and proxies that dedupe use it.
        request.Headers.Add("Idempotency-Key", message.DeliveryId.ToString(CultureInfo.InvariantCulture));

        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            var status = HttpSendResults.Classify(response.StatusCode);
            if (status == SendStatus.Sent)
            {
                return SendOutcome.Sent(ReadString(text, "sid"), ReadString(text, "status"));
            }

            var detail = $"SMS provider answered {HttpSendResults.Describe(response)}: {ErrorDetail(text)}";
            logger.LogInformation("SMS delivery {DeliveryId} failed: {Detail}", message.DeliveryId, detail);
            return new SendOutcome(status, detail);
        }
        catch (Exception ex) when (HttpSendResults.IsTimeoutOrNetwork(ex, ct))
        {
            logger.LogInformation(ex, "SMS delivery {DeliveryId} failed", message.DeliveryId);
            return HttpSendResults.FromException("SMS provider", ex, TimeSpan.FromSeconds(settings.TimeoutSeconds));
        }
    }

    // Twilio errors look like {"code":21211,"message":"The 'To' number is not a valid phone number.","status":400}.
    private static string ErrorDetail(string text)
    {
        var code = ReadString(text, "code");
        var msg = ReadString(text, "message");
        if (msg is not null)
        {
            return code is null ? msg : $"{code} {msg}";
        }

        return text.Length <= 300 ? text : text[..300] + "…";
    }

    private static string? ReadString(string json, string property)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(property, out var value)
                ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
