using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignConsole.Core.Delivery;
using CampaignConsole.Core.Persistence;
using CampaignConsole.Core.Scheduling;
using CampaignConsole.Core.Segments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using DeliveryRow = CampaignConsole.Core.Delivery.Delivery;

namespace CampaignConsole.Core.Campaigns;

/// <summary>
/// Moves a journey through its campaign's instructions until it must wait or ends. Everything one
/// run decides (its deliveries and the journey's new position) is written in one SaveChanges: the
/// runner itself sends nothing, so a crash before that commit simply re-runs the same steps, and a
/// re-run step finds its delivery already there (unique per journey and step).
/// </summary>
public sealed class JourneyRunner(CampaignDbContext db, CampaignIndex index, IJourneyScheduler scheduler, DeliverySignal signal,
    TimeProvider clock, IOptions<EngineOptions> options)
{
    public async Task RunAsync(long journeyId, CancellationToken ct)
    {
        var journey = await db.Journeys.FirstOrDefaultAsync(j => j.Id == journeyId, ct);
        if (journey is not null && await AdvanceAsync(journey, ct)) signal.Notify();
    }

    /// <summary>
    /// Runs a journey this context tracks: one loaded by <see cref="RunAsync"/>, or one just created
    /// inside its entry's transaction (so entry and first steps commit together). True when it queued
    /// deliveries: the caller wakes the dispatcher once they are committed.
    /// </summary>
    public async Task<bool> AdvanceAsync(Journey journey, CancellationToken ct)
    {
        if (journey.Status != JourneyStatus.Active) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        if (journey.NextRunAt is { } at && at > now.AddSeconds(1))
        {
            await scheduler.ScheduleAsync(journey.Id, at, ct); // woken early: sleep again
            return false;
        }
        var snapshot = await index.CurrentAsync(ct);
        // Paused or ended: the journey waits where it is; activation recovers it.
        if (!snapshot.ById.TryGetValue(journey.CampaignId, out var campaign)) return false;

        var program = campaign.Program.Instructions;
        var step = journey.Step;
        var queued = false;
        while (true)
        {
            if (step >= program.Count)
            {
                journey.Complete(now);
                break;
            }
            switch (program[step])
            {
                case JourneyProgram.Wait w:
                    journey.WaitUntil(step + 1, now + w.Duration, now);
                    await db.SaveChangesAsync(ct);
                    await scheduler.ScheduleAsync(journey.Id, now + w.Duration, ct);
                    return queued;
                case JourneyProgram.Jump j:
                    step = j.To;
                    continue;
                case JourneyProgram.Branch b:
                    step = await HoldsAsync(b.Condition, journey, now, ct) ? step + 1 : b.ElseAt;
                    continue;
                case JourneyProgram.Send s:
                    if (campaign.Definition.Schedule?.QuietHours is { } quiet)
                    {
                        var zone = campaign.Definition.Schedule.UserTimeZone
                            ? await db.Contacts.Where(c => c.Id == journey.ContactId).Select(c => c.TimeZone).FirstOrDefaultAsync(ct)
                            : null;
                        if (QuietHoursPolicy.QuietUntil(now, quiet, zone) is { } until)
                        {
                            if (quiet.Action == QuietAction.Delay)
                            {
                                journey.WaitUntil(step, until, now);
                                await db.SaveChangesAsync(ct);
                                await scheduler.ScheduleAsync(journey.Id, until, ct);
                                return queued;
                            }
                            Record(journey, step, s.Spec, DeliveryStatus.Suppressed, "quiet hours (skip)", now);
                            step++;
                            continue;
                        }
                    }
                    if (campaign.Definition.RespectGlobalCaps && await OverDailyCapAsync(journey.ContactId, snapshot, now, ct))
                        Record(journey, step, s.Spec, DeliveryStatus.Suppressed, $"global daily cap ({options.Value.GlobalDailyCap} a day)", now);
                    else
                    {
                        db.Deliveries.Add(DeliveryRow.Queue(journey.Id, journey.CampaignId, journey.ContactId, step, s.Spec.Channel,
                            SendSpecJson.Write(s.Spec), Expiry(s.Spec, now), now));
                        queued = true;
                    }
                    step++;
                    journey.Advance(step, now);
                    continue;
            }
        }
        await db.SaveChangesAsync(ct);
        return queued;
    }

    private void Record(Journey journey, int step, SendSpec spec, DeliveryStatus status, string reason, DateTime now) =>
        db.Deliveries.Add(DeliveryRow.NotSent(journey.Id, journey.CampaignId, journey.ContactId, step, spec.Channel, status, reason, now));

    private DateTime? Expiry(SendSpec spec, DateTime now) =>
        spec.ExpiresIn is { } e ? now + e : spec.Channel == Channels.OnSite ? now + options.Value.OnSiteExpiry : null;

    private async Task<bool> HoldsAsync(Rule rule, Journey journey, DateTime now, CancellationToken ct)
    {
        var facts = await DbContactFacts.LoadAsync(db, journey.ContactId, ct);
        var trigger = journey.EventJson is null ? null : JsonNode.Parse(journey.EventJson) as JsonObject;
        return await RuleEvaluator.MatchesAsync(rule, facts, trigger, now, ct);
    }

    /// <summary>Messages queued or sent to the contact in the last 24 hours by campaigns that respect the cap.</summary>
    private async Task<bool> OverDailyCapAsync(long contactId, CampaignIndex.Snapshot snapshot, DateTime now, CancellationToken ct)
    {
        var cap = options.Value.GlobalDailyCap;
        if (cap <= 0) return false;
        var since = now.AddDays(-1);
        var recent = await db.Deliveries.AsNoTracking()
            .Where(d => d.ContactId == contactId && d.CreatedAt >= since && (d.Status == DeliveryStatus.Queued || d.Status == DeliveryStatus.Sent))
            .Select(d => d.CampaignId).ToListAsync(ct);
        // This run's own sends are not saved yet, but count too.
        recent.AddRange(db.ChangeTracker.Entries<DeliveryRow>()
            .Where(e => e.State == EntityState.Added && e.Entity.ContactId == contactId && e.Entity.Status == DeliveryStatus.Queued)
            .Select(e => e.Entity.CampaignId));
        var counted = recent.Count(id => !snapshot.ById.TryGetValue(id, out var c) || c.Definition.RespectGlobalCaps);
        return counted >= cap;
    }
}

/// <summary>A send stage as stored on its delivery.</summary>
public static class SendSpecJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write(SendSpec spec) => JsonSerializer.Serialize(spec, Options);

    public static SendSpec Read(string json) => JsonSerializer.Deserialize<SendSpec>(json, Options)
        ?? throw new InvalidOperationException("A delivery has no send stage.");
}
