using System.Threading.Channels;

namespace CampaignConsole.Core.Scheduling;

/// <summary>
/// Journeys due to run now. One consumer runs them in order, so one journey never runs on two
/// threads of a node at once.
/// </summary>
public sealed class JourneyQueue
{
    private readonly Channel<long> _ids = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(long journeyId) => _ids.Writer.TryWrite(journeyId);

    public void Enqueue(IEnumerable<long> journeyIds)
    {
        foreach (var id in journeyIds) _ids.Writer.TryWrite(id);
    }

    internal ChannelReader<long> Reader => _ids.Reader;
}
