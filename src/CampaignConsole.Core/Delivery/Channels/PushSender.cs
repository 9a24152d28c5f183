using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CampaignConsole.Core.Delivery;

/// <summary>Sends a push notification to each of the recipient's devices with the FCM HTTP v1 API (one request per token).</summary>
internal sealed class PushSender(
    IHttpClientFactory clients,
    IOptionsMonitor<FcmOptions> options,
    FcmAccessTokens accessTokens,
    PushSentTokens sentTokens,
    ILogger<PushSender> logger) : IChannelSender
{
    public const string HttpClientName = "CampaignConsole.Fcm";

    public string Channel => Channels.Push;

    public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var tokens = message.Recipient.PushTokens.Where(t => !string.IsNullOrWhiteSpace(t)).Distinct(StringComparer.Ordinal).ToList();
        if (tokens.Count == 0)
        {
            return SendOutcome.Permanent("no push tokens");
        }

        var auth = await accessTokens.GetAsync(ct);
        if (auth.Failure is { } failure)
        {
            return failure;
        }

        var settings = options.CurrentValue;
        var url = $"{settings.BaseUrl.TrimEnd('/')}/v1/projects/{Uri.EscapeDataString(auth.ProjectId!)}/messages:send";
        var client = clients.CreateClient(HttpClientName);
        var results = new List<(string Token, SendStatus Status, string Detail)>(tokens.Count);
        foreach (var token in tokens)
        {
            if (sentTokens.WasSent(message.DeliveryId, token))
            {
                results.Add((token, SendStatus.Sent, "sent by an earlier attempt"));
                continue;
            }

            var (status, detail) = await SendOneAsync(client, url, auth.AccessToken!, token, message, settings, ct);
            results.Add((token, status, detail));
        }

        return Combine(message.DeliveryId, results);
    }

    private async Task<(SendStatus, string)> SendOneAsync(
        HttpClient client, string url, string accessToken, string token, OutgoingMessage message, FcmOptions settings, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(FcmMessage.Build(token, message)) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        try
        {
            using var response = await client.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            if (response.IsSuccessStatusCode)
            {
                return (SendStatus.Sent, ReadName(text) ?? "");
            }

            var errorCode = ReadErrorCode(text);
            var detail = $"{HttpSendResults.Describe(response)} {errorCode}".TrimEnd();
            if (response.StatusCode == HttpStatusCode.NotFound || errorCode == "UNREGISTERED")
            {
                // The app was uninstalled or the token rotated: this device is gone for good.
                return (SendStatus.PermanentFailure, $"UNREGISTERED ({detail})");
            }

            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                // Usually an access token that expired early or was revoked: fetch a new one on the next attempt.
                accessTokens.Invalidate(accessToken);
                return (SendStatus.RetryableFailure, detail);
            }

            return (HttpSendResults.Classify(response.StatusCode), detail);
        }
        catch (Exception ex) when (HttpSendResults.IsTimeoutOrNetwork(ex, ct))
        {
            return (SendStatus.RetryableFailure, HttpSendResults.FromException("FCM", ex, TimeSpan.FromSeconds(settings.TimeoutSeconds)).Detail!);
        }
    }

    /// <summary>Any device still retryable makes the delivery retryable; otherwise one device reached is enough to count as sent.</summary>
    private SendOutcome Combine(long deliveryId, List<(string Token, SendStatus Status, string Detail)> results)
    {
        var sent = results.Where(r => r.Status == SendStatus.Sent).ToList();
        var summary = string.Join("; ", results.Where(r => r.Status != SendStatus.Sent).Select(r => $"{Abbreviate(r.Token)}: {r.Detail}"));
        var sentIds = string.Join(",", sent.Select(r => r.Detail).Where(d => d.StartsWith("projects/", StringComparison.Ordinal)));
        if (results.Any(r => r.Status == SendStatus.RetryableFailure))
        {
            sentTokens.Remember(deliveryId, sent.Select(r => r.Token));
            logger.LogInformation("Push delivery {DeliveryId} will be retried: {Detail}", deliveryId, summary);
            return SendOutcome.Retryable($"sent to {sent.Count} of {results.Count} devices; {summary}");
        }

        sentTokens.Forget(deliveryId, sent.Select(r => r.Token));
        if (sent.Count == 0)
        {
            return SendOutcome.Permanent($"no device accepted the push; {summary}");
        }

        return SendOutcome.Sent(
            sentIds.Length == 0 ? null : sentIds,
            sent.Count == results.Count ? $"sent to {sent.Count} devices" : $"sent to {sent.Count} of {results.Count} devices; {summary}");
    }

    // Tokens are long and semi-secret; enough of one to find it in the contact's profile.
    private static string Abbreviate(string token) => token.Length <= 12 ? token : token[..12] + "…";

    private static string? ReadName(string json)
    {
        try
        {
            return JsonNode.Parse(json)?["name"]?.GetValue<string>();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    // FCM errors: {"error":{"code":404,"status":"NOT_FOUND","details":[{"@type":"…FcmError","errorCode":"UNREGISTERED"}]}}.
    private static string? ReadErrorCode(string json)
    {
        try
        {
            var error = JsonNode.Parse(json)?["error"];
            var fcmCode = error?["details"]?.AsArray().Select(d => d?["errorCode"]?.GetValue<string>()).FirstOrDefault(c => c is not null);
            return fcmCode ?? error?["status"]?.GetValue<string>();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
