using CampaignConsole.Core.Events.Ingest;
using CampaignConsole.Core.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CampaignConsole.Core.Campaigns;

/// <summary>
/// Feeds committed events to the engine in id order, from the database rather than from memory:
/// a cursor row records how far it got, so after a restart it resumes exactly there. The ingest
/// feed only wakes it up.
/// </summary>
internal sealed class EventProcessor(IServiceScopeFactory scopes, CommittedEventFeed feed, ILogger<EventProcessor> log) : BackgroundService
{
    public const string CursorName = "matcher";
    private const int BatchSize = 500;
    private readonly Common.WakeSignal _wake = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        feed.Subscribe(_ => _wake.Notify());
        await Task.Yield();
        var cursor = await LoadCursorAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var processed = 0;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<CampaignDbContext>();
                var batch = await db.Events.AsNoTracking().Where(e => e.Id > cursor).OrderBy(e => e.Id).Take(BatchSize)
                    .Select(e => new EventCommitted(e.Id, e.ContactId, e.Type, e.Name, e.PropertiesJson, e.Timestamp)).ToListAsync(stoppingToken);
                var publisher = scope.ServiceProvider.GetRequiredService<IPublisher>();
                foreach (var e in batch)
                {
                    await PublishAsync(publisher, e, stoppingToken);
                    cursor = e.EventId;
                    processed++;
                }
                if (processed > 0) await SaveCursorAsync(db, cursor, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Event processing failed after event {Cursor}; retrying", cursor);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
            if (processed < BatchSize) await _wake.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken);
        }
    }

    /// <summary>A handler that keeps failing on one event must not stall every later one: three tries, then it is logged and passed.</summary>
    private async Task PublishAsync(IPublisher publisher, EventCommitted e, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await publisher.Publish(e, ct);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && attempt < 3)
            {
                log.LogWarning(ex, "Handling event {Id} failed (attempt {Attempt})", e.EventId, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Event {Id} ({Name}) was skipped by the engine after 3 failed attempts", e.EventId, e.Name);
                return;
            }
        }
    }

    /// <summary>On first start the engine begins at the end of the log: events from before it existed trigger nothing.</summary>
    private async Task<long> LoadCursorAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CampaignDbContext>();
        var row = await db.EngineCursors.FirstOrDefaultAsync(c => c.Name == CursorName, ct);
        if (row is not null) return row.Position;
        row = EngineCursor.Create(CursorName);
        row.Position = await db.Events.MaxAsync(e => (long?)e.Id, ct) ?? 0;
        db.EngineCursors.Add(row);
        await db.SaveChangesAsync(ct);
        return row.Position;
    }

    private static async Task SaveCursorAsync(CampaignDbContext db, long position, CancellationToken ct) =>
        await db.EngineCursors.Where(c => c.Name == CursorName).ExecuteUpdateAsync(s => s.SetProperty(c => c.Position, position), ct);
}
