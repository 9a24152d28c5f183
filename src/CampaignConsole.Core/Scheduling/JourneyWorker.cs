using CampaignConsole.Core.Campaigns;
using CampaignConsole.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CampaignConsole.Core.Scheduling;

/// <summary>
/// Runs queued journeys one at a time. At start it recovers every active journey from the database:
/// due ones run, later ones are scheduled again.
/// </summary>
internal sealed class JourneyWorker(IServiceScopeFactory scopes, JourneyQueue queue, IJourneyScheduler scheduler, TimeProvider clock,
    ILogger<JourneyWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await RecoverAsync(stoppingToken);
        await foreach (var id in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<JourneyRunner>().RunAsync(id, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The journey keeps its step and NextRunAt; retry it shortly rather than lose it.
                log.LogError(ex, "Journey {Id} failed; retrying in a minute", id);
                await scheduler.ScheduleAsync(id, clock.GetUtcNow().UtcDateTime.AddMinutes(1), stoppingToken);
            }
        }
    }

    /// <summary>Also called when a campaign is re-activated: its waiting journeys resume.</summary>
    public async Task RecoverAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CampaignDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var pending = await db.Journeys.AsNoTracking().Where(j => j.Status == JourneyStatus.Active && j.NextRunAt != null)
            .Select(j => new { j.Id, j.NextRunAt }).ToListAsync(ct);
        foreach (var j in pending)
        {
            if (j.NextRunAt <= now) queue.Enqueue(j.Id);
            else await scheduler.ScheduleAsync(j.Id, j.NextRunAt!.Value, ct);
        }
        if (pending.Count > 0) log.LogInformation("Recovered {Count} active journeys", pending.Count);
    }
}
