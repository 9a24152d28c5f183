namespace CampaignConsole.Core.Delivery;

/// <summary>Where a message can reach one contact; each channel uses the address it needs.</summary>
public sealed record Recipient(long ContactId, string? UserId, string? Email, string? Phone, IReadOnlyList<string> PushTokens);
