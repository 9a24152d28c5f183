namespace CampaignConsole.Core.Common;

/// <summary>
/// Wakes a background loop early: the loop waits on it with a timeout (its poll), and producers
/// notify it when there is work, so "now" does not wait for the next poll. Notifications coalesce.
/// </summary>
public class WakeSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try { _signal.Release(); }
            catch (SemaphoreFullException) { /* already signalled */ }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);
}
