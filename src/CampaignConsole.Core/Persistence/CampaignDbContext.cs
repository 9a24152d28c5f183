using CampaignConsole.Core.Accounts;
using CampaignConsole.Core.Campaigns;
using CampaignConsole.Core.Segments;
using CampaignConsole.Core.Contacts;
using CampaignConsole.Core.Events;
using CampaignConsole.Core.Sources;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CampaignConsole.Core.Persistence;

/// <summary>
/// The model, shared by both providers. Each provider has a subclass with its own migrations
/// (EF Core's "migrations with multiple providers"); code depends on this base type only.
/// </summary>
public abstract class CampaignDbContext(DbContextOptions options) : IdentityDbContext<ConsoleUser>(options)
{
    public DbSet<Source> Sources => Set<Source>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<ContactAlias> ContactAliases => Set<ContactAlias>();
    public DbSet<StoredEvent> Events => Set<StoredEvent>();
    public DbSet<EventType> EventTypes => Set<EventType>();
    public DbSet<Segment> Segments => Set<Segment>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<Journey> Journeys => Set<Journey>();
    public DbSet<Delivery.Delivery> Deliveries => Set<Delivery.Delivery>();
    public DbSet<FrequencyClaim> FrequencyClaims => Set<FrequencyClaim>();
    public DbSet<EngineCursor> EngineCursors => Set<EngineCursor>();
    public DbSet<FanOut> FanOuts => Set<FanOut>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CampaignDbContext).Assembly);
    }
}

public sealed class SqliteCampaignDbContext(DbContextOptions<SqliteCampaignDbContext> options) : CampaignDbContext(options);

public sealed class PostgresCampaignDbContext(DbContextOptions<PostgresCampaignDbContext> options) : CampaignDbContext(options);
