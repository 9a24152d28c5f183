using System.Text.Json;
using CampaignConsole.Core.Common;
using CampaignConsole.Core.Delivery;
using CampaignConsole.Core.Persistence;
using CampaignConsole.Core.Scheduling;
using CampaignConsole.Core.Templates;
using Microsoft.EntityFrameworkCore;

namespace CampaignConsole.Core.Campaigns;

public sealed record CampaignRow(string Id, string Name, CampaignStatus Status, TriggerType TriggerType, string? TriggerEvent,
    string DefinitionJson, int EnteredCount, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record CampaignStats(int Journeys, int HeldOut, int Converted, IReadOnlyDictionary<DeliveryStatus, int> Deliveries);

public sealed record DeliveryRowView(long Id, long ContactId, string? UserId, string Channel, DeliveryStatus Status, string? Reason,
    int Attempts, DateTime CreatedAt, DateTime? SentAt, string? ContentJson);

/// <summary>Campaign definitions: validated on every save, nothing half-saved; status only through activate and pause.</summary>
public sealed class CampaignService(CampaignDbContext db, ITemplateRenderer templates, CampaignIndex index, JourneyQueue journeys, TimeProvider clock)
{
    public Task<List<CampaignRow>> ListAsync(CancellationToken ct) =>
        Project(db.Campaigns.AsNoTracking().OrderByDescending(c => c.UpdatedAt)).ToListAsync(ct);

    public Task<CampaignRow?> FindAsync(string id, CancellationToken ct) =>
        Project(db.Campaigns.AsNoTracking().Where(c => c.Id == id)).FirstOrDefaultAsync(ct);

    /// <param name="routeId">For PUT: the id in the URL, which the body's id must equal.</param>
    public async Task<Result<CampaignRow>> SaveAsync(JsonElement body, bool create, string? routeId, CancellationToken ct)
    {
        var errors = new ErrorList();
        var definition = CampaignDefinitionParser.Parse(body, templates, errors);
        if (definition is not null)
        {
            if (routeId is not null && routeId != definition.Id) errors.Add("id", $"must equal the id in the URL ('{routeId}')");
            await CheckReferencesAsync(definition, errors, ct);
        }
        if (errors.Any || definition is null) return Result<CampaignRow>.Invalid(errors.ToDictionary());

        var existing = await db.Campaigns.FirstOrDefaultAsync(c => c.Id == definition.Id, ct);
        if (create && existing is not null) return Result<CampaignRow>.Invalid("id", $"a campaign '{definition.Id}' already exists; PUT /api/v1/campaigns/{definition.Id} to change it");
        if (!create && existing is null) return Result<CampaignRow>.Missing();
        var now = clock.GetUtcNow().UtcDateTime;
        var json = Normalize(body);
        if (existing is null) db.Campaigns.Add(Campaign.Create(definition, json, now));
        else existing.Update(definition, json, now);
        await db.SaveChangesAsync(ct);
        index.Invalidate();
        return Result<CampaignRow>.Ok((await FindAsync(definition.Id, ct))!);
    }

    public async Task<Result<CampaignRow>> ActivateAsync(string id, CancellationToken ct)
    {
        var c = await db.Campaigns.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return Result<CampaignRow>.Missing();
        c.Activate(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        await index.RebuildAsync(ct);
        // Journeys that waited while the campaign was paused go on.
        var waiting = await db.Journeys.AsNoTracking().Where(j => j.CampaignId == id && j.Status == JourneyStatus.Active).Select(j => j.Id).ToListAsync(ct);
        journeys.Enqueue(waiting);
        return Result<CampaignRow>.Ok((await FindAsync(id, ct))!);
    }

    public async Task<Result<CampaignRow>> PauseAsync(string id, CancellationToken ct)
    {
        var c = await db.Campaigns.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return Result<CampaignRow>.Missing();
        c.Pause(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        await index.RebuildAsync(ct);
        return Result<CampaignRow>.Ok((await FindAsync(id, ct))!);
    }

    public async Task<CampaignStats> StatsAsync(string id, CancellationToken ct)
    {
        var journeysByStatus = await db.Journeys.AsNoTracking().Where(j => j.CampaignId == id)
            .GroupBy(j => j.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var converted = await db.Journeys.AsNoTracking().CountAsync(j => j.CampaignId == id && j.ConvertedAt != null, ct);
        var deliveries = await db.Deliveries.AsNoTracking().Where(d => d.CampaignId == id)
            .GroupBy(d => d.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return new CampaignStats(journeysByStatus.Sum(j => j.Count), journeysByStatus.Where(j => j.Key == JourneyStatus.HeldOut).Sum(j => j.Count),
            converted, deliveries.ToDictionary(d => d.Key, d => d.Count));
    }

    public async Task<NumberedPage<DeliveryRowView>> DeliveriesAsync(string id, int skip, int take, CancellationToken ct)
    {
        var q = db.Deliveries.AsNoTracking().Where(d => d.CampaignId == id);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 500))
            .Select(d => new DeliveryRowView(d.Id, d.ContactId, db.Contacts.Where(c => c.Id == d.ContactId).Select(c => c.UserId).FirstOrDefault(),
                d.Channel, d.Status, d.Reason, d.Attempts, d.CreatedAt, d.SentAt, d.ContentJson))
            .ToListAsync(ct);
        return new NumberedPage<DeliveryRowView>(rows, total);
    }

    /// <summary>Events a campaign names must be known event types (created by hand or seen once), and its segment must exist.</summary>
    private async Task CheckReferencesAsync(CampaignDefinition d, ErrorList errors, CancellationToken ct)
    {
        var names = CampaignDefinitionParser.ReferencedEvents(d).Where(r => !(d.Trigger.Type == TriggerType.UserProperty && r.Path == "trigger.event")).ToList();
        var wanted = names.Select(n => n.Event).Distinct().ToList();
        var known = await db.EventTypes.AsNoTracking().Where(t => wanted.Contains(t.Name)).Select(t => t.Name).ToListAsync(ct);
        foreach (var (path, name) in names.Where(n => !known.Contains(n.Event)))
            errors.Add(path, $"'{name}' is not a known event type; create it (POST /api/v1/event-types) or send it once");
        if (d.Audience?.SegmentId is { } sid && !await db.Segments.AnyAsync(s => s.Id == sid, ct))
            errors.Add("audience.segment", $"segment '{sid}' does not exist");
    }

    /// <summary>Stored as sent, minus insignificant whitespace, without `status` (which only activate and pause change).</summary>
    private static string Normalize(JsonElement body)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            foreach (var p in body.EnumerateObject())
            {
                if (p.Name == "status") continue;
                p.WriteTo(w);
            }
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static IQueryable<CampaignRow> Project(IQueryable<Campaign> q) =>
        q.Select(c => new CampaignRow(c.Id, c.Name, c.Status, c.TriggerType, c.TriggerEvent, c.DefinitionJson, c.EnteredCount, c.CreatedAt, c.UpdatedAt));
}
