using System.Text.Json.Nodes;
using CampaignConsole.Core.Common;
using CampaignConsole.Core.Contacts;
using CampaignConsole.Core.Delivery;
using CampaignConsole.Core.Persistence;
using CampaignConsole.Core.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace CampaignConsole.Core.Campaigns;

public sealed record TriggerRecipient(string UserId, JsonObject? Payload);

/// <summary>`queued`, `suppressed` (with the reason) or `unknown-user`, per recipient.</summary>
public sealed record TriggerOutcome(string UserId, string Status, string? Reason, long? JourneyId);

/// <summary>
/// Runs an API-triggered campaign for named users. Each recipient's payload is merged over the
/// shared one and becomes `ExternalTrigger` in the templates. A repeated request key enters no one twice.
/// </summary>
public sealed class ApiTrigger(CampaignDbContext db, CampaignIndex index, CampaignEntry entry, JourneyRunner runner, ContactQueries contacts,
    DeliverySignal deliveries)
{
    public const int MaxRecipients = 1000;

    public async Task<Result<IReadOnlyList<TriggerOutcome>>> TriggerAsync(string campaignId, IReadOnlyList<TriggerRecipient> recipients,
        JsonObject? shared, string requestKey, CancellationToken ct)
    {
        var stored = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, ct);
        if (stored is null) return Result<IReadOnlyList<TriggerOutcome>>.Missing();
        if (stored.TriggerType != TriggerType.Api)
            return Result<IReadOnlyList<TriggerOutcome>>.Invalid("campaignId", $"campaign '{campaignId}' is triggered by {stored.TriggerType}, not by the API");
        var snapshot = await index.CurrentAsync(ct);
        if (!snapshot.ById.TryGetValue(campaignId, out var campaign))
            return Result<IReadOnlyList<TriggerOutcome>>.Invalid("campaignId", $"campaign '{campaignId}' is {stored.Status.ToString().ToLowerInvariant()}; activate it first");

        var outcomes = new List<TriggerOutcome>();
        foreach (var r in recipients)
        {
            var contactId = await contacts.ContactIdAsync(r.UserId, ct);
            if (contactId is null)
            {
                outcomes.Add(new TriggerOutcome(r.UserId, "unknown-user", "no customer has this user id", null));
                continue;
            }
            var payload = Merge(shared, r.Payload);
            var result = await entry.TryEnterAsync(campaign, contactId.Value, $"api:{requestKey}:{r.UserId}", null, null, payload.ToJsonString(), ct,
                runner.AdvanceAsync);
            if (result.Queued) deliveries.Notify();
            outcomes.Add(result.Outcome == EntryOutcome.Entered
                ? new TriggerOutcome(r.UserId, "queued", null, result.JourneyId)
                : new TriggerOutcome(r.UserId, "suppressed", result.Reason, result.JourneyId));
        }
        return Result<IReadOnlyList<TriggerOutcome>>.Ok(outcomes);
    }

    /// <summary>Top-level keys of the recipient's payload replace the shared payload's.</summary>
    public static JsonObject Merge(JsonObject? shared, JsonObject? own)
    {
        var merged = shared?.DeepClone() as JsonObject ?? [];
        if (own is null) return merged;
        foreach (var (key, value) in own) merged[key] = value?.DeepClone();
        return merged;
    }
}
