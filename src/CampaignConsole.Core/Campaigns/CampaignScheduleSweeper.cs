using CampaignConsole.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CampaignConsole.Core.Campaigns;

/// <summary>
/// Marks active campaigns whose schedule has ended as `ended`, once a minute. Entry already checks
/// the window on every trigger; this makes the status say so too.
/// </summary>
internal sealed class CampaignScheduleSweeper(IServiceScopeFactory scopes, CampaignIndex index, TimeProvider clock,
    ILogger<CampaignScheduleSweeper> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Ending campaigns past their schedule failed; trying again in a minute");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task SweepAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var snapshot = await index.CurrentAsync(ct);
        var over = snapshot.ById.Values.Where(c => c.Definition.Schedule?.End is { } end && end <= now).Select(c => c.Id).ToList();
        if (over.Count == 0) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CampaignDbContext>();
        foreach (var c in await db.Campaigns.Where(c => over.Contains(c.Id) && c.Status == CampaignStatus.Active).ToListAsync(ct))
        {
            c.End(now);
            log.LogInformation("Campaign {Id} ended: its schedule ended", c.Id);
        }
        await db.SaveChangesAsync(ct);
        await index.RebuildAsync(ct);
    }
}
