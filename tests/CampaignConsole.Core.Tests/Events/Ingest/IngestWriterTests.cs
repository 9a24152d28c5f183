using CampaignConsole.Core.Events.Ingest;
using CampaignConsole.Core.Persistence;
using CampaignConsole.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CampaignConsole.Core.Tests.Events.Ingest;

public sealed class IngestWriterTests : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);
    private SqliteTestDatabase _db = null!;
    private ServiceProvider _services = null!;
    private readonly CommittedEventFeed _feed = new();

    public async Task InitializeAsync()
    {
        _db = await SqliteTestDatabase.CreateAsync();
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Campaigns"] = _db.ConnectionString })
            .Build();
        _services = new ServiceCollection().AddCampaignPersistence(config).BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _db.DisposeAsync();
    }

    private IngestWriter NewWriter() =>
        new(_services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System, _feed, NullLogger<IngestWriter>.Instance);

    private static IngestMessage Track(string messageId, string userId = "u1") =>
        new("track", messageId, userId, null, "viewed_item", "{}", null, null, Now, null, null);

    [Fact]
    public async Task Overlapping_concurrent_writes_store_each_message_once()
    {
        var writer = NewWriter();
        var published = new List<IngestedEvent>();
        _feed.Subscribe(events => { lock (published) published.AddRange(events); });
        await writer.StartAsync(CancellationToken.None);
        try
        {
            var writes = Enumerable.Range(0, 10)
                .Select(i => writer.WriteAsync(1, Enumerable.Range(i, 5).Select(n => Track($"m{n}")).ToList(), CancellationToken.None))
                .ToList();
            var results = await Task.WhenAll(writes);

            Assert.Equal(14, results.Sum(r => r.Stored));
            Assert.Equal(50 - 14, results.Sum(r => r.Duplicates));
            Assert.Equal(14, published.Select(e => e.EventId).Distinct().Count());
            await using var ctx = _db.NewContext();
            Assert.Equal(14, await ctx.Events.CountAsync());
            Assert.Equal(1, await ctx.Contacts.CountAsync());
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_failing_subscriber_does_not_fail_a_committed_batch()
    {
        var writer = NewWriter();
        _feed.Subscribe(_ => throw new InvalidOperationException("a broken subscriber"));
        // Queued before the loop runs, so both land in one group.
        var first = writer.WriteAsync(1, [Track("a1")], CancellationToken.None);
        var second = writer.WriteAsync(1, [Track("b1")], CancellationToken.None);
        await writer.StartAsync(CancellationToken.None);
        try
        {
            var results = await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(10));

            Assert.All(results, r => Assert.Equal(1, r.Stored));
            await using var ctx = _db.NewContext();
            Assert.Equal(2, await ctx.Events.CountAsync());
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
        }
    }
}
