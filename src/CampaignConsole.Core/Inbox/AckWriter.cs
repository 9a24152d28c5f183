using System.Threading.Channels;
using CampaignConsole.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CampaignConsole.Core.Inbox;

/// <summary>
/// Records acknowledgements of on-site / in-app messages. Every shown message is acknowledged, so at
/// a thousand messages a second one UPDATE each would keep SQLite's single write lock busy for the
/// rest of the engine; acks waiting together are written in one statement instead (group commit),
/// and each caller still returns only once its ack is stored.
/// </summary>
public sealed class AckWriter(IServiceScopeFactory scopes, TimeProvider clock, ILogger<AckWriter> log) : BackgroundService
{
    private const int MaxBatch = 1_000;
    private readonly Channel<PendingAck> _queue = Channel.CreateUnbounded<PendingAck>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Marks the contact's own message delivered; safe to repeat; a message of someone else is ignored.</summary>
    public Task AckAsync(long contactId, long deliveryId, CancellationToken ct)
    {
        var pending = new PendingAck(contactId, deliveryId);
        _queue.Writer.TryWrite(pending);
        return pending.Done.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PendingAck>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next)) batch.Add(next);
            try
            {
                await WriteAsync(batch, stoppingToken);
                foreach (var a in batch) a.Done.TrySetResult();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning(ex, "Recording {Count} acknowledgements failed", batch.Count);
                foreach (var a in batch) a.Done.TrySetException(ex);
            }
        }
    }

    private async Task WriteAsync(List<PendingAck> batch, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CampaignDbContext>();
        var ids = batch.Select(a => a.DeliveryId).Distinct().ToList();
        var owners = await db.Deliveries.AsNoTracking().Where(d => ids.Contains(d.Id) && d.AckedAt == null)
            .Select(d => new { d.Id, d.ContactId }).ToListAsync(ct);
        var asked = batch.Select(a => (a.DeliveryId, a.ContactId)).ToHashSet();
        var mine = owners.Where(o => asked.Contains((o.Id, o.ContactId))).Select(o => o.Id).ToList();
        if (mine.Count == 0) return;
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Deliveries.Where(d => mine.Contains(d.Id) && d.AckedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.AckedAt, now), ct);
    }

    private sealed record PendingAck(long ContactId, long DeliveryId)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
