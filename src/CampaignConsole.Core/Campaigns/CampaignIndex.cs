using System.Collections.Frozen;
using System.Text.Json;
using CampaignConsole.Core.Common;
using CampaignConsole.Core.Persistence;
using CampaignConsole.Core.Segments;
using CampaignConsole.Core.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CampaignConsole.Core.Campaigns;

/// <summary>
/// Active campaigns by the event names that concern them (trigger, stop, goal), held in memory and
/// rebuilt whenever a campaign or segment changes. Looking up an event costs one dictionary probe,
/// however many campaigns do not care about it.
/// </summary>
public sealed class CampaignIndex(IServiceScopeFactory scopes, ITemplateRenderer templates, ILogger<CampaignIndex> log)
{
    public sealed record Snapshot(
        FrozenDictionary<string, ActiveCampaign[]> ByCustomerEvent,
        FrozenDictionary<string, ActiveCampaign[]> BySystemEvent,
        FrozenDictionary<string, ActiveCampaign[]> ByStopEvent,
        FrozenDictionary<string, ActiveCampaign[]> ByGoalEvent,
        ActiveCampaign[] UserProperty,
        FrozenDictionary<string, ActiveCampaign> ById)
    {
        public static readonly Snapshot Empty = new(
            FrozenDictionary<string, ActiveCampaign[]>.Empty, FrozenDictionary<string, ActiveCampaign[]>.Empty,
            FrozenDictionary<string, ActiveCampaign[]>.Empty, FrozenDictionary<string, ActiveCampaign[]>.Empty, [],
            FrozenDictionary<string, ActiveCampaign>.Empty);
    }

    private volatile Snapshot? _current;
    private readonly SemaphoreSlim _rebuild = new(1, 1);

    public async ValueTask<Snapshot> CurrentAsync(CancellationToken ct = default) => _current ?? await RebuildAsync(ct);

    /// <summary>Forget the snapshot; the next lookup rebuilds it from the database.</summary>
    public void Invalidate() => _current = null;

    public async Task<Snapshot> RebuildAsync(CancellationToken ct)
    {
        await _rebuild.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CampaignDbContext>();
            var stored = await db.Campaigns.AsNoTracking().Where(c => c.Status == CampaignStatus.Active).ToListAsync(ct);
            var segments = await db.Segments.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.RulesJson, ct);
            var active = new List<ActiveCampaign>();
            foreach (var c in stored)
            {
                if (Compile(c, segments) is { } a) active.Add(a);
            }
            var snapshot = new Snapshot(
                Group(active.Where(a => a.Definition.Trigger.Type == TriggerType.Event), a => [a.Definition.Trigger.Event!]),
                Group(active.Where(a => a.Definition.Trigger.Type == TriggerType.SystemEvent), a => [a.Definition.Trigger.Event!]),
                Group(active, a => a.Definition.StopOn.Select(s => s.Event)),
                Group(active, a => a.Definition.Goal is { } g ? [g.Event] : []),
                active.Where(a => a.Definition.Trigger.Type == TriggerType.UserProperty).ToArray(),
                active.ToFrozenDictionary(a => a.Id, StringComparer.Ordinal));
            _current = snapshot;
            return snapshot;
        }
        finally
        {
            _rebuild.Release();
        }
    }

    /// <summary>Parses a stored campaign for matching; also used for paused ones an API trigger names.</summary>
    public ActiveCampaign? Compile(Campaign c, IReadOnlyDictionary<string, string> segments)
    {
        using var doc = JsonDocument.Parse(c.DefinitionJson);
        var errors = new ErrorList();
        var d = CampaignDefinitionParser.Parse(doc.RootElement, templates, errors);
        if (d is null)
        {
            log.LogError("Campaign {Id} no longer parses and is skipped: {Errors}", c.Id, string.Join("; ", errors.ToDictionary().Select(e => e.Key + " " + string.Join(",", e.Value))));
            return null;
        }
        var rules = new List<Rule>();
        if (d.Audience?.SegmentId is { } sid)
        {
            if (segments.TryGetValue(sid, out var json))
            {
                using var sdoc = JsonDocument.Parse(json);
                if (RuleParser.Parse(sdoc.RootElement, "segment", new ErrorList()) is { } sr) rules.Add(sr);
            }
            else
            {
                log.LogWarning("Campaign {Id} names segment {Segment}, which does not exist: nobody matches", c.Id, sid);
                rules.Add(new AnyRule([])); // an empty "any" matches no one
            }
        }
        if (d.Audience?.Rules is { } r) rules.Add(r);
        Rule? audience = rules.Count switch { 0 => null, 1 => rules[0], _ => new AllRule(rules) };
        return new ActiveCampaign(c, d, JourneyProgram.Compile(d.Stages), audience);
    }

    private static FrozenDictionary<string, ActiveCampaign[]> Group(IEnumerable<ActiveCampaign> campaigns, Func<ActiveCampaign, IEnumerable<string>> keys) =>
        campaigns.SelectMany(a => keys(a).Distinct().Select(k => (k, a)))
            .GroupBy(x => x.k, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.a).ToArray(), StringComparer.Ordinal);
}
