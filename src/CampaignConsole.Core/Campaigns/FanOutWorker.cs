using System.Text.Json.Nodes;
using CampaignConsole.Core.Delivery;
using CampaignConsole.Core.Persistence;
using CampaignConsole.Core.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CampaignConsole.Core.Campaigns;

/// <summary>
/// Delivers system events to audiences, a batch of contacts at a time. Each contact's entry is
/// keyed by the event (unique), and the fan-out's cursor moves after each batch, so a restart
/// resumes mid-audience: nobody is skipped and nobody enters twice.
/// </summary>
internal sealed class FanOutWorker(IServiceScopeFactory scopes, CampaignIndex index, FanOutSignal signal, DeliverySignal deliveries,
    TimeProvider clock, ILogger<FanOutWorker> log) : BackgroundService
{
    private const int BatchSize = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RunOneBatchAsync(stoppingToken)) { }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Fan-out failed; retrying");
            }
            await signal.WaitAsync(TimeSpan.FromSeconds(2), stoppingToken);
        }
    }

    /// <returns>true while there is more work.</returns>
    private async Task<bool> RunOneBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CampaignDbContext>();
        var snapshot = await index.CurrentAsync(ct);
        var running = await db.FanOuts.Where(f => f.Status == FanOutStatus.Running).OrderBy(f => f.Id).ToListAsync(ct);
        // A paused campaign's fan-out waits; it goes on when the campaign is active again.
        var fanOut = running.FirstOrDefault(f => snapshot.ById.ContainsKey(f.CampaignId));
        if (fanOut is null) return false;
        var campaign = snapshot.ById[fanOut.CampaignId];
        var properties = await db.Events.AsNoTracking().Where(e => e.Id == fanOut.EventId).Select(e => e.PropertiesJson).FirstOrDefaultAsync(ct);
        var context = JsonNode.Parse(properties ?? "{}") as JsonObject ?? [];

        var contacts = await db.Contacts.AsNoTracking().Where(c => c.Id > fanOut.LastContactId).OrderBy(c => c.Id)
            .Take(BatchSize).Select(c => c.Id).ToListAsync(ct);
        var entry = scope.ServiceProvider.GetRequiredService<CampaignEntry>();
        var runner = scope.ServiceProvider.GetRequiredService<JourneyRunner>();
        var queued = false;
        foreach (var contactId in contacts)
        {
            var result = await entry.TryEnterAsync(campaign, contactId, $"s:{fanOut.EventId}", fanOut.EventId, context, null, ct, runner.AdvanceAsync);
            if (result.Outcome == EntryOutcome.Entered) fanOut.Entered++;
            queued |= result.Queued;
        }
        if (queued) deliveries.Notify();
        fanOut.Scanned += contacts.Count;
        if (contacts.Count > 0) fanOut.LastContactId = contacts[^1];
        if (contacts.Count < BatchSize) fanOut.Status = FanOutStatus.Done;
        fanOut.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        // An entry that lost a race clears the shared change tracker: track the fan-out's progress again.
        if (db.Entry(fanOut).State == EntityState.Detached) db.FanOuts.Attach(fanOut).State = EntityState.Modified;
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        if (fanOut.Status == FanOutStatus.Done)
            log.LogInformation("System event {Event}: campaign {Campaign} reached {Entered} of {Scanned} contacts", fanOut.EventId, fanOut.CampaignId, fanOut.Entered, fanOut.Scanned);
        return true;
    }
}
