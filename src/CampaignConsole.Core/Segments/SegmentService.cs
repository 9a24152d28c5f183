using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CampaignConsole.Core.Common;
using CampaignConsole.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CampaignConsole.Core.Segments;

public sealed record SegmentRow(string Id, string Name, string RulesJson, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>Segments: saved audience rules, usable by campaigns (`audience.segment`) and counted on demand.</summary>
public sealed partial class SegmentService(CampaignDbContext db, TimeProvider clock)
{
    public Task<List<SegmentRow>> ListAsync(CancellationToken ct) =>
        db.Segments.AsNoTracking().OrderBy(s => s.Name)
            .Select(s => new SegmentRow(s.Id, s.Name, s.RulesJson, s.CreatedAt, s.UpdatedAt)).ToListAsync(ct);

    public Task<SegmentRow?> FindAsync(string id, CancellationToken ct) =>
        db.Segments.AsNoTracking().Where(s => s.Id == id)
            .Select(s => new SegmentRow(s.Id, s.Name, s.RulesJson, s.CreatedAt, s.UpdatedAt)).FirstOrDefaultAsync(ct);

    /// <param name="create">true: the id must be new (POST); false: it must exist (PUT).</param>
    public async Task<Result<SegmentRow>> SaveAsync(string? id, string? name, JsonElement rules, bool create, CancellationToken ct)
    {
        var errors = new ErrorList();
        if (string.IsNullOrWhiteSpace(id) || !Slug().IsMatch(id)) errors.Add("id", "must be 1-100 characters: letters, digits, '-' or '_'");
        if (string.IsNullOrWhiteSpace(name)) errors.Add("name", "is required");
        if (rules.ValueKind == JsonValueKind.Undefined) errors.Add("rules", "is required");
        else RuleParser.Parse(rules, "rules", errors);
        if (errors.Any) return Result<SegmentRow>.Invalid(errors.ToDictionary());

        var now = clock.GetUtcNow().UtcDateTime;
        var existing = await db.Segments.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (create && existing is not null) return Result<SegmentRow>.Invalid("id", $"a segment '{id}' already exists; PUT to change it");
        if (!create && existing is null) return Result<SegmentRow>.Missing();
        if (existing is null) db.Segments.Add(Segment.Create(id!, name!.Trim(), rules.GetRawText(), now));
        else existing.Update(name!.Trim(), rules.GetRawText(), now);
        await db.SaveChangesAsync(ct);
        return Result<SegmentRow>.Ok((await FindAsync(id!, ct))!);
    }

    /// <summary>How many contacts match now. Evaluated contact by contact (bounded batches), so it is exact but not instant.</summary>
    public async Task<long> CountAsync(Rule rule, CancellationToken ct)
    {
        long count = 0;
        await foreach (var _ in AudienceScanner.MatchingAsync(db, rule, null, clock.GetUtcNow().UtcDateTime, 0, ct)) count++;
        return count;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,100}$")]
    internal static partial Regex Slug();
}

/// <summary>Walks all contacts in id order and yields those a rule matches: fan-out and counts.</summary>
public static class AudienceScanner
{
    public const int BatchSize = 500;

    public static async IAsyncEnumerable<long> MatchingAsync(CampaignDbContext db, Rule? rule, JsonObject? trigger, DateTime now,
        long afterContactId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var after = afterContactId;
        while (true)
        {
            var batch = await db.Contacts.AsNoTracking().Where(c => c.Id > after).OrderBy(c => c.Id).Take(BatchSize)
                .Select(c => new { c.Id, c.TraitsJson }).ToListAsync(ct);
            if (batch.Count == 0) yield break;
            foreach (var c in batch)
            {
                var facts = new DbContactFacts(db, c.Id, JsonNode.Parse(c.TraitsJson) as JsonObject ?? []);
                if (rule is null || await RuleEvaluator.MatchesAsync(rule, facts, trigger, now, ct)) yield return c.Id;
            }
            after = batch[^1].Id;
        }
    }
}
