namespace CampaignConsole.Core.Delivery;

/// <summary>
/// In-app, on-site and inbox messages are delivered by being stored (the delivery row is the
/// message); connected pages are then told at once, and pages that open later fetch them.
/// </summary>
internal sealed class RealtimeChannelSender(string channel) : IChannelSender
{
    public string Channel => channel;

    public Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken ct) =>
        Task.FromResult(new SendOutcome(SendStatus.Sent, null));
}
