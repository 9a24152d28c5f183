using System.Diagnostics;
using System.Text.Json;
using CampaignConsole.Core.Campaigns;
using CampaignConsole.Core.Contacts;
using CampaignConsole.Core.Delivery;
using CampaignConsole.Core.Events;
using CampaignConsole.Core.Persistence;
using CampaignConsole.Core.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CampaignConsole.Bench.Engine;

/// <summary>
/// The engine's own services in this process over a temporary SQLite file, with N campaigns created
/// and activated through <see cref="CampaignService"/> (campaign i: trigger <c>ev_i</c>, stop on
/// <c>stop_i</c>, goal <c>goal_i</c>, one in-app send). Nothing runs in the background: the
/// handlers are called directly, as the event processor calls them for each committed event.
/// </summary>
internal sealed class EngineHost : IAsyncDisposable
{
    private readonly ServiceProvider _sp;
    private readonly string _dir;
    private long _nextEventId = 1_000_000;

    public int Campaigns { get; }
    public long ContactId { get; private set; }
    public TimeSpan SetupTime { get; private set; }
    private CampaignMatcher Matcher { get; }
    private StopEventHandler Stop { get; }
    private GoalHandler Goal { get; }

    private EngineHost(ServiceProvider sp, string dir, int campaigns)
    {
        _sp = sp;
        _dir = dir;
        Campaigns = campaigns;
        Matcher = ActivatorUtilities.CreateInstance<CampaignMatcher>(sp);
        Stop = ActivatorUtilities.CreateInstance<StopEventHandler>(sp);
        Goal = ActivatorUtilities.CreateInstance<GoalHandler>(sp);
    }

    public static async Task<EngineHost> CreateAsync(int campaigns, string? baseDir, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        var dir = Path.Combine(baseDir ?? Path.GetTempPath(), "cc-ebench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Campaigns"] = $"Data Source={Path.Combine(dir, "engine.db")}",
            ["Engine:GlobalDailyCap"] = "0",
        }).Build();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(config);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole());
        services.AddSingleton(TimeProvider.System);
        services.AddCampaignPersistence(config);
        services.AddEvents();
        services.AddContacts();
        services.AddTemplates();
        services.AddOptions<EngineOptions>().BindConfiguration(EngineOptions.Section);
        services.AddScoped<CampaignService>();
        services.AddScoped<CampaignEntry>();
        services.AddScoped<JourneyRunner>();
        services.AddSingleton<CampaignIndex>();
        services.AddSingleton<JourneyQueue>();
        services.AddSingleton<FanOutSignal>();
        services.AddSingleton<DeliverySignal>();
        services.AddSingleton<IJourneyScheduler, NoScheduler>();
        var sp = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

        var host = new EngineHost(sp, dir, campaigns);
        await host.SeedAsync(ct);
        host.SetupTime = sw.Elapsed;
        return host;
    }

    private async Task SeedAsync(CancellationToken ct)
    {
        var now = DateTime.UtcNow;
        await using (var scope = _sp.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CampaignDbContext>();
            // As DatabaseMigrator does at host start (it is internal to Core).
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            await db.Database.MigrateAsync(ct);
            for (var i = 0; i < Campaigns; i++)
            {
                foreach (var name in new[] { $"ev_{i}", $"stop_{i}", $"goal_{i}" })
                    db.EventTypes.Add(EventType.Create(name, "Other", EventKind.Customer, null, now));
            }
            db.EventTypes.Add(EventType.Create("page_viewed", "Other", EventKind.Customer, null, now));
            var contact = Contact.Create("bench-user", now);
            db.Contacts.Add(contact);
            await db.SaveChangesAsync(ct);
            ContactId = contact.Id;
        }
        for (var i = 0; i < Campaigns; i++)
        {
            await using var scope = _sp.CreateAsyncScope();
            var campaigns = scope.ServiceProvider.GetRequiredService<CampaignService>();
            using var doc = JsonDocument.Parse(Definition(i));
            var saved = await campaigns.SaveAsync(doc.RootElement, create: true, null, ct);
            if (!saved.IsOk) throw new InvalidOperationException($"campaign {i} refused: {JsonSerializer.Serialize(saved.Errors)}");
            var activated = await campaigns.ActivateAsync($"c{i}", ct);
            if (!activated.IsOk) throw new InvalidOperationException($"campaign {i} did not activate");
        }
        var snapshot = await _sp.GetRequiredService<CampaignIndex>().CurrentAsync(ct);
        if (snapshot.ById.Count != Campaigns) throw new InvalidOperationException($"index holds {snapshot.ById.Count} campaigns, expected {Campaigns}");
    }

    private static string Definition(int i) => $$$"""
        {"id":"c{{{i}}}","name":"Bench {{{i}}}",
         "trigger":{"type":"event","event":"ev_{{{i}}}"},
         "frequency":{"mode":"each-time"},
         "stages":[{"send":{"channel":"in-app","title":"Hello","body":"Hi {{ Profile.name | default: 'there' }}"}}],
         "stopOn":[{"event":"stop_{{{i}}}"}],
         "goal":{"event":"goal_{{{i}}}","within":"P1D"},
         "respectGlobalCaps":false}
        """;

    /// <summary>The three handlers for one event, as the event processor publishes it.</summary>
    private async ValueTask HandleAsync(EventCommitted e, CancellationToken ct)
    {
        await Matcher.Handle(e, ct);
        await Stop.Handle(e, ct);
        await Goal.Handle(e, ct);
    }

    /// <summary>Nanoseconds per event named by no campaign (trigger, stop or goal).</summary>
    public async Task<double> UnrelatedNsPerEventAsync(int iterations, CancellationToken ct)
    {
        var e = new EventCommitted(42, ContactId, "track", "page_viewed", """{"url":"/home"}""", DateTime.UtcNow);
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++) await HandleAsync(e, ct);
        return sw.Elapsed.TotalNanoseconds / iterations;
    }

    /// <summary>Microseconds per event that enters the contact into one campaign (new event id each time: no "already entered").</summary>
    public async Task<double> MatchingUsPerEventAsync(int iterations, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            var id = Interlocked.Increment(ref _nextEventId);
            var e = new EventCommitted(id, ContactId, "track", $"ev_{id % Campaigns}", """{"sku":"A1","price":30}""", DateTime.UtcNow);
            await HandleAsync(e, ct);
        }
        return sw.Elapsed.TotalMicroseconds / iterations;
    }

    /// <summary>
    /// Microseconds per journey run (one in-app send: the delivery row and the journey's new step),
    /// each in its own scope as JourneyWorker runs them; for the journeys still active.
    /// </summary>
    public async Task<(double UsPerJourney, int Journeys)> RunJourneysAsync(int max, CancellationToken ct)
    {
        List<long> ids;
        await using (var scope = _sp.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CampaignDbContext>();
            ids = await db.Journeys.AsNoTracking().Where(j => j.Status == JourneyStatus.Active).OrderBy(j => j.Id).Take(max).Select(j => j.Id).ToListAsync(ct);
        }
        var sw = Stopwatch.StartNew();
        foreach (var id in ids)
        {
            await using var scope = _sp.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<JourneyRunner>().RunAsync(id, ct);
        }
        return (ids.Count == 0 ? double.NaN : sw.Elapsed.TotalMicroseconds / ids.Count, ids.Count);
    }

    public async Task<(long Journeys, long Deliveries)> CountsAsync(CancellationToken ct)
    {
        await using var scope = _sp.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CampaignDbContext>();
        return (await db.Journeys.LongCountAsync(ct), await db.Deliveries.LongCountAsync(ct));
    }

    public async ValueTask DisposeAsync()
    {
        await _sp.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { }
    }

    private sealed class NoScheduler : IJourneyScheduler
    {
        public Task ScheduleAsync(long journeyId, DateTime at, CancellationToken ct) => Task.CompletedTask;
    }
}

internal sealed record MatchingResult(
    int SmallN, int LargeN, double UnrelatedSmallNs, double UnrelatedLargeNs, IReadOnlyList<double> SmallRounds, IReadOnlyList<double> LargeRounds,
    double MatchingSmallUs, double MatchingLargeUs, double JourneyRunUs, int JourneysRun, TimeSpan SetupSmall, TimeSpan SetupLarge)
{
    public double Ratio => UnrelatedLargeNs / UnrelatedSmallNs;
}

internal static class MatchingBench
{
    public static async Task<MatchingResult> RunAsync(EngineBenchOptions o, CancellationToken ct)
    {
        Console.WriteLine($"== Part 1 (in-process): matching cost with {o.SmallCampaigns} vs {o.LargeCampaigns} active campaigns");
        await using var small = await EngineHost.CreateAsync(o.SmallCampaigns, o.DbDir, ct);
        Console.WriteLine($"   set-up {o.SmallCampaigns} campaign(s): {small.SetupTime.TotalSeconds:F1} s");
        await using var large = await EngineHost.CreateAsync(o.LargeCampaigns, o.DbDir, ct);
        Console.WriteLine($"   set-up {o.LargeCampaigns} campaigns: {large.SetupTime.TotalSeconds:F1} s (create + activate each through CampaignService)");

        // Warm-up: JIT, tiering (PGO), the snapshots.
        for (var w = 0; w < 3; w++)
        {
            await small.UnrelatedNsPerEventAsync(o.Iterations / 2, ct);
            await large.UnrelatedNsPerEventAsync(o.Iterations / 2, ct);
        }
        var smallRounds = new List<double>();
        var largeRounds = new List<double>();
        for (var r = 0; r < o.MatchRounds; r++)
        {
            // Alternate which goes first, so a noisy neighbour does not always hit the same side.
            if (r % 2 == 0)
            {
                smallRounds.Add(await small.UnrelatedNsPerEventAsync(o.Iterations, ct));
                largeRounds.Add(await large.UnrelatedNsPerEventAsync(o.Iterations, ct));
            }
            else
            {
                largeRounds.Add(await large.UnrelatedNsPerEventAsync(o.Iterations, ct));
                smallRounds.Add(await small.UnrelatedNsPerEventAsync(o.Iterations, ct));
            }
            Console.WriteLine($"   round {r + 1}: unrelated event {smallRounds[^1],8:F1} ns ({o.SmallCampaigns}) {largeRounds[^1],8:F1} ns ({o.LargeCampaigns})  ratio {largeRounds[^1] / smallRounds[^1]:F2}");
        }

        // One matching event: the entry into one campaign (its own scope and transaction).
        await small.MatchingUsPerEventAsync(50, ct);
        await large.MatchingUsPerEventAsync(50, ct);
        var mSmall = new List<double>();
        var mLarge = new List<double>();
        for (var r = 0; r < 3; r++)
        {
            mSmall.Add(await small.MatchingUsPerEventAsync(o.MatchingIterations, ct));
            mLarge.Add(await large.MatchingUsPerEventAsync(o.MatchingIterations, ct));
            Console.WriteLine($"   round {r + 1}: matching event (enters 1 campaign) {mSmall[^1],8:F0} µs ({o.SmallCampaigns}) {mLarge[^1],8:F0} µs ({o.LargeCampaigns})");
        }
        // And what each entry then costs the journey worker: the in-app delivery row.
        var (runUs, runs) = await large.RunJourneysAsync(o.MatchingIterations, ct);
        Console.WriteLine($"   journey run (1 in-app send -> queued delivery): {runUs:F0} µs per journey over {runs}");
        var (journeys, deliveries) = await large.CountsAsync(ct);
        Console.WriteLine($"   ({o.LargeCampaigns}-campaign database now holds {journeys} journeys, {deliveries} deliveries)");
        Console.WriteLine();
        return new MatchingResult(o.SmallCampaigns, o.LargeCampaigns, Stats.Median(smallRounds), Stats.Median(largeRounds), smallRounds, largeRounds,
            Stats.Median(mSmall), Stats.Median(mLarge), runUs, runs, small.SetupTime, large.SetupTime);
    }
}

internal static class Stats
{
    public static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        if (v.Length == 0) return double.NaN;
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }
}
