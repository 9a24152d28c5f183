namespace CampaignConsole.Core.Delivery;

/// <summary>One delivery to one recipient.</summary>
/// <remarks>
/// DeliveryId is the idempotency key: senders pass it to the provider where it supports one
/// (header Idempotency-Key / X-Campaign-Delivery-Id, the email Message-Id).
/// </remarks>
public sealed record OutgoingMessage(long DeliveryId, string CampaignId, string Channel, Recipient Recipient, RenderedContent Content, string? SigningSecret);
