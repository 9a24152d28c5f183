namespace CampaignConsole.Core.Delivery;

/// <summary>Sends one rendered message on one channel. The engine picks the sender whose <see cref="Channel"/> matches.</summary>
/// <remarks>
/// Senders never throw for provider or network faults: they answer a <see cref="SendOutcome"/>.
/// They do throw <see cref="OperationCanceledException"/> when <c>ct</c> is cancelled (shutdown).
/// </remarks>
public interface IChannelSender
{
    /// <summary>One of <see cref="Channels"/>.</summary>
    string Channel { get; }

    Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken ct);
}
