using System.Text.Json.Nodes;
using CampaignConsole.Core.Delivery;
using CampaignConsole.Core.Persistence;
using CampaignConsole.Core.Segments;
using Microsoft.EntityFrameworkCore;
using DeliveryRow = CampaignConsole.Core.Delivery.Delivery;

namespace CampaignConsole.Core.Campaigns;

public enum EntryOutcome { Entered, HeldOut, AlreadyEntered, Frequency, TargetingCap, NotInAudience, OutsideSchedule, TriggerFilter }

/// <param name="Queued">The journey's first run, in the entry's transaction, queued deliveries (wake the dispatcher).</param>
public sealed record EntryResult(EntryOutcome Outcome, long? JourneyId = null, bool Queued = false)
{
    public string Reason => Outcome switch
    {
        EntryOutcome.Entered => "queued",
        EntryOutcome.HeldOut => "control group",
        EntryOutcome.AlreadyEntered => "already entered for this trigger",
        EntryOutcome.Frequency => "frequency rule",
        EntryOutcome.TargetingCap => "targeting cap reached",
        EntryOutcome.NotInAudience => "not in the audience",
        EntryOutcome.OutsideSchedule => "outside the campaign's schedule",
        EntryOutcome.TriggerFilter => "trigger filter did not match",
        _ => Outcome.ToString(),
    };
}

/// <summary>
/// Decides whether a contact enters a campaign for one trigger, and records the entry. Frequency,
/// the targeting cap and the entry itself are one transaction, with each rule enforced by the
/// database (a conditional upsert, a conditional increment, a unique key): concurrent triggers for
/// one contact cannot both pass a "once".
/// </summary>
public sealed class CampaignEntry(CampaignDbContext db, TimeProvider clock)
{
    /// <param name="firstRun">
    /// Runs the new journey's first steps before the commit (<see cref="JourneyRunner.AdvanceAsync"/> on this
    /// scope's context), so entering and queuing the first message are one transaction; null leaves it to the caller.
    /// </param>
    public async Task<EntryResult> TryEnterAsync(ActiveCampaign campaign, long contactId, string triggerKey, long? eventId,
        JsonObject? eventContext, string? payloadJson, CancellationToken ct, Func<Journey, CancellationToken, Task<bool>>? firstRun = null)
    {
        var d = campaign.Definition;
        var now = clock.GetUtcNow().UtcDateTime;
        if (!campaign.InWindow(now)) return new EntryResult(EntryOutcome.OutsideSchedule);
        if (d.Trigger.Where.Count > 0 && !RuleEvaluator.ConditionsHold(d.Trigger.Where, eventContext ?? [], eventContext))
            return new EntryResult(EntryOutcome.TriggerFilter);
        if (campaign.AudienceRule is { } audience)
        {
            var facts = await DbContactFacts.LoadAsync(db, contactId, ct);
            if (!await RuleEvaluator.MatchesAsync(audience, facts, eventContext, now, ct)) return new EntryResult(EntryOutcome.NotInAudience);
        }

        if (await db.Journeys.AnyAsync(j => j.CampaignId == d.Id && j.ContactId == contactId && j.TriggerKey == triggerKey, ct))
            return new EntryResult(EntryOutcome.AlreadyEntered);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await ClaimFrequencyAsync(d, contactId, now, ct)) return new EntryResult(EntryOutcome.Frequency);
        // Counted for every entry (the console shows it); the cap, when set, is the same statement's condition.
        var cap = d.TargetingCap ?? int.MaxValue;
        var counted = await db.Database.ExecuteSqlAsync(
            $"""UPDATE "Campaigns" SET "EnteredCount" = "EnteredCount" + 1 WHERE "Id" = {d.Id} AND "EnteredCount" < {cap}""", ct);
        if (counted == 0) return new EntryResult(EntryOutcome.TargetingCap);

        var heldOut = ControlGroup.IsHeldOut(contactId, d.Id, d.ControlGroupPercent);
        var journey = Journey.Start(d.Id, contactId, triggerKey, eventId, eventContext?.ToJsonString(), payloadJson, heldOut, now);
        db.Journeys.Add(journey);
        var queued = false;
        try
        {
            await db.SaveChangesAsync(ct);
            if (heldOut)
            {
                // Recorded, never sent: the control group is what conversions are compared against.
                db.Deliveries.Add(DeliveryRow.NotSent(journey.Id, d.Id, contactId, -1, FirstChannel(campaign), DeliveryStatus.HeldOut, "control group", now));
                await db.SaveChangesAsync(ct);
            }
            else if (firstRun is not null)
                queued = await firstRun(journey, ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another node entered this trigger first: the unique key said no.
            db.ChangeTracker.Clear();
            return new EntryResult(EntryOutcome.AlreadyEntered);
        }
        return new EntryResult(heldOut ? EntryOutcome.HeldOut : EntryOutcome.Entered, journey.Id, queued);
    }

    /// <summary>
    /// One conditional upsert: inserts the claim, or moves it forward only when the period since the
    /// last entry has passed. Zero rows changed means the rule said no.
    /// </summary>
    private async Task<bool> ClaimFrequencyAsync(CampaignDefinition d, long contactId, DateTime now, CancellationToken ct)
    {
        if (d.Frequency.Mode == FrequencyMode.EachTime) return true;
        // "once" never updates an existing claim (the last condition is false); "once-per" only after the period.
        var threshold = d.Frequency.Mode == FrequencyMode.Once ? now : now - d.Frequency.Period!.Value;
        var changed = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "FrequencyClaims" ("CampaignId", "ContactId", "LastEnteredAt") VALUES ({d.Id}, {contactId}, {now})
            ON CONFLICT ("CampaignId", "ContactId") DO UPDATE SET "LastEnteredAt" = {now}
            WHERE "FrequencyClaims"."LastEnteredAt" <= {threshold} AND {d.Frequency.Mode == FrequencyMode.OncePer}
            """, ct);
        return changed > 0;
    }

    private static string FirstChannel(ActiveCampaign c) =>
        c.Program.Instructions.OfType<JourneyProgram.Send>().Select(s => s.Spec.Channel).FirstOrDefault() ?? "";
}
