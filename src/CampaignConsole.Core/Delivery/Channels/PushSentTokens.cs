using System.Collections.Concurrent;

namespace CampaignConsole.Core.Delivery;

/// <summary>
/// Devices already reached by a push delivery that ended retryable, so the engine's retry of the whole
/// message skips them instead of notifying them twice. In memory: a restart only risks a duplicate.
/// </summary>
internal sealed class PushSentTokens(TimeProvider time)
{
    private static readonly TimeSpan Keep = TimeSpan.FromDays(1);
    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<(long DeliveryId, string Token), DateTimeOffset> _sent = new();

    public bool WasSent(long deliveryId, string token) =>
        _sent.TryGetValue((deliveryId, token), out var at) && time.GetUtcNow() - at < Keep;

    public void Remember(long deliveryId, IEnumerable<string> tokens)
    {
        if (_sent.Count >= MaxEntries)
        {
            Prune();
        }

        var now = time.GetUtcNow();
        foreach (var token in tokens)
        {
            _sent[(deliveryId, token)] = now;
        }
    }

    public void Forget(long deliveryId, IEnumerable<string> tokens)
    {
        foreach (var token in tokens)
        {
            _sent.TryRemove((deliveryId, token), out _);
        }
    }

    private void Prune()
    {
        var cutoff = time.GetUtcNow() - Keep;
        foreach (var entry in _sent)
        {
            if (entry.Value < cutoff)
            {
                _sent.TryRemove(entry.Key, out _);
            }
        }

        // Still full of recent entries: dropping them costs at worst duplicate notifications, never lost ones.
        if (_sent.Count >= MaxEntries)
        {
            _sent.Clear();
        }
    }
}
