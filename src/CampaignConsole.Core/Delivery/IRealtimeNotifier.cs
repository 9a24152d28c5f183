namespace CampaignConsole.Core.Delivery;

/// <summary>A message or inbox change for a connected browser. The database stays the truth; this is the nudge.</summary>
public sealed record RealtimeMessage(long DeliveryId, string CampaignId, string Channel, string? Title, string Body, string? DataJson,
    DateTime CreatedAt, DateTime? ExpiresAt);

/// <summary>Pushes to a contact's open pages. Implemented by the web host over SignalR; a no-op without one.</summary>
public interface IRealtimeNotifier
{
    /// <summary>A batch of sent messages, each to its contact's open pages (one lookup of the pages' groups for all).</summary>
    Task MessagesAsync(IReadOnlyList<(long ContactId, RealtimeMessage Message)> messages, CancellationToken ct);
    Task InboxRemovedAsync(long contactId, IReadOnlyList<long> deliveryIds, CancellationToken ct);
}

internal sealed class NullRealtimeNotifier : IRealtimeNotifier
{
    public Task MessagesAsync(IReadOnlyList<(long ContactId, RealtimeMessage Message)> messages, CancellationToken ct) => Task.CompletedTask;
    public Task InboxRemovedAsync(long contactId, IReadOnlyList<long> deliveryIds, CancellationToken ct) => Task.CompletedTask;
}
