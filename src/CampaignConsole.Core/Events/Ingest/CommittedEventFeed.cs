namespace CampaignConsole.Core.Events.Ingest;

/// <summary>
/// Where committed events go next (the campaign engine subscribes). Kept as a plain in-process
/// fan-out so the writer never waits on matching; the engine is responsible for catching up on
/// events it missed across a restart.
/// </summary>
public sealed class CommittedEventFeed
{
    private readonly List<Action<IReadOnlyList<IngestedEvent>>> _subscribers = [];

    public void Subscribe(Action<IReadOnlyList<IngestedEvent>> subscriber)
    {
        lock (_subscribers) _subscribers.Add(subscriber);
    }

    public void Publish(IReadOnlyList<IngestedEvent> events)
    {
        if (events.Count == 0) return;
        Action<IReadOnlyList<IngestedEvent>>[] subs;
        lock (_subscribers) subs = [.. _subscribers];
        // Called after the commit: a failing subscriber must not turn a stored batch into an error.
        foreach (var s in subs)
        {
            try { s(events); }
            catch (Exception) { /* the engine catches up from the event log */ }
        }
    }
}
