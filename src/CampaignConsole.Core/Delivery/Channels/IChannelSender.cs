using System.Text.Json.Nodes;

namespace CampaignConsole.Core.Delivery;

public sealed record Recipient(long ContactId, string? UserId, string? Email, string? Phone, IReadOnlyList<string> PushTokens);

public sealed record RenderedContent(string? Subject, string? Title, string Body, string? Url, JsonObject? Data);

/// <summary>DeliveryId is the idempotency key: providers that support one receive it.</summary>
public sealed record OutgoingMessage(long DeliveryId, string CampaignId, string Channel, Recipient Recipient, RenderedContent Content, string? SigningSecret);

public enum SendStatus { Sent, RetryableFailure, PermanentFailure }

public sealed record SendOutcome(SendStatus Status, string? Detail, string? ProviderMessageId = null);

/// <summary>One outbound channel. Reports whether a failure is worth retrying; the dispatcher owns retries.</summary>
public interface IChannelSender
{
    string Channel { get; }

    Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken ct);
}

public static class Channels
{
    public const string InApp = "in-app", OnSite = "on-site", Inbox = "inbox", Email = "email", Sms = "sms", Push = "push", Webhook = "webhook";
}
