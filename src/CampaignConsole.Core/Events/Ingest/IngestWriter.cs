using System.Threading.Channels;
using CampaignConsole.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CampaignConsole.Core.Events.Ingest;

/// <summary>
/// The single writer of ingested events. Concurrent requests queue their batches; the loop takes
/// everything waiting and commits it in one transaction (group commit), then answers each request.
/// One fsync serves many requests, and contact upserts never race each other. A batch that fails
/// inside a group is retried alone, so one bad batch cannot fail its neighbours.
/// </summary>
public sealed class IngestWriter(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    CommittedEventFeed feed,
    ILogger<IngestWriter> log) : BackgroundService
{
    /// <summary>Upper bound of messages per transaction, so one commit never grows unbounded.</summary>
    private const int MaxGroupMessages = 5_000;

    /// <summary>SQLite page cache of the writer's connection, in KiB (64 MiB).</summary>
    private const int WriterCacheKiB = 64 * 1024;

    private readonly Channel<PendingWrite> _queue = Channel.CreateBounded<PendingWrite>(
        new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private HashSet<string>? _knownTypes;

    /// <summary>Completes once the messages are committed (or were already stored).</summary>
    public async Task<IngestResult> WriteAsync(int sourceId, IReadOnlyList<IngestMessage> messages, CancellationToken ct)
    {
        var pending = new PendingWrite(sourceId, messages);
        await _queue.Writer.WriteAsync(pending, ct);
        return await pending.Done.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var group = new List<PendingWrite>();
        while (await _queue.Reader.WaitToReadAsync(stoppingToken))
        {
            group.Clear();
            var count = 0;
            while (count < MaxGroupMessages && _queue.Reader.TryRead(out var next))
            {
                group.Add(next);
                count += next.Messages.Count;
            }
            await CommitGroupAsync(group, stoppingToken);
        }
    }

    private async Task CommitGroupAsync(List<PendingWrite> group, CancellationToken ct)
    {
        try
        {
            var results = await WriteInTransactionAsync(group, ct);
            for (var i = 0; i < group.Count; i++) group[i].Done.TrySetResult(results[i]);
            return;
        }
        catch (Exception ex) when (group.Count > 1 && ex is not OperationCanceledException)
        {
            log.LogWarning(ex, "Group commit of {Count} batches failed; retrying them one by one", group.Count);
        }
        catch (Exception ex)
        {
            // Cancelled (shutting down) or a group of one: every waiting request must hear of it, not only the first.
            foreach (var pending in group) pending.Done.TrySetException(ex);
            return;
        }

        foreach (var one in group)
        {
            try
            {
                var results = await WriteInTransactionAsync([one], ct);
                one.Done.TrySetResult(results[0]);
            }
            catch (Exception ex)
            {
                log.LogError(ex, "Ingest batch of {Count} messages failed", one.Messages.Count);
                one.Done.TrySetException(ex);
            }
        }
    }

    private async Task<IngestResult[]> WriteInTransactionAsync(IReadOnlyList<PendingWrite> group, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CampaignDbContext>();
        _knownTypes ??= (await db.EventTypes.AsNoTracking().Select(t => t.Name).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var knownBefore = new HashSet<string>(_knownTypes, StringComparer.Ordinal);

        var conn = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        if (db.Database.IsSqlite())
        {
            // SQLite's default page cache is 2 MB: a group's index updates (events, contacts' LastSeenAt)
            // then no longer fit, pages are re-read from the OS and dirty ones spilled to the WAL mid-transaction
            // and written again. A larger cache on the writer's (pooled) connection.
            // synchronous=FULL: clients are answered after this commit, so it must be on disk, not only in
            // the OS cache (other connections run with NORMAL; see SqliteSynchronousInterceptor).
            await using var pragma = conn.CreateCommand();
            pragma.CommandText = $"PRAGMA cache_size = -{WriterCacheKiB}; PRAGMA synchronous = FULL;";
            await pragma.ExecuteNonQueryAsync(ct);
        }
        await using var tx = await conn.BeginTransactionAsync(ct);
        var results = new IngestResult[group.Count];
        try
        {
            using var store = new EventBatchStore(conn, tx, _knownTypes, clock.GetUtcNow().UtcDateTime);
            for (var i = 0; i < group.Count; i++)
            {
                var events = new List<IngestedEvent>(group[i].Messages.Count);
                var duplicates = 0;
                foreach (var m in group[i].Messages)
                {
                    if (await store.WriteAsync(group[i].SourceId, m, ct) is { } stored) events.Add(stored);
                    else duplicates++;
                }
                results[i] = new IngestResult(events.Count, duplicates, events);
            }
            await store.FlushAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch
        {
            _knownTypes = knownBefore; // types registered in the rolled-back transaction were not stored
            throw;
        }

        foreach (var r in results) feed.Publish(r.Events);
        return results;
    }

    /// <summary>Forget cached event-type names, e.g. after one was deleted.</summary>
    public void ForgetEventTypes() => _knownTypes = null;

    private sealed record PendingWrite(int SourceId, IReadOnlyList<IngestMessage> Messages)
    {
        public TaskCompletionSource<IngestResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
