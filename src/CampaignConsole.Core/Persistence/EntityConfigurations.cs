using CampaignConsole.Core.Contacts;
using CampaignConsole.Core.Events;
using CampaignConsole.Core.Sources;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CampaignConsole.Core.Persistence;

internal sealed class SourceConfiguration : IEntityTypeConfiguration<Source>
{
    public void Configure(EntityTypeBuilder<Source> b)
    {
        b.Property(s => s.Name).HasMaxLength(200);
        b.Property(s => s.WriteKey).HasMaxLength(100);
        b.Property(s => s.SecretKey).HasMaxLength(100);
        b.HasIndex(s => s.WriteKey).IsUnique();
        b.HasIndex(s => s.SecretKey).IsUnique();
        b.Ignore(s => s.AllowedOriginList);
    }
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> b)
    {
        b.Property(c => c.UserId).HasMaxLength(200);
        b.HasIndex(c => c.UserId).IsUnique();
        b.HasIndex(c => c.LastSeenAt);
        b.Ignore(c => c.Traits);
    }
}

internal sealed class ContactAliasConfiguration : IEntityTypeConfiguration<ContactAlias>
{
    public void Configure(EntityTypeBuilder<ContactAlias> b)
    {
        b.HasKey(a => a.AnonymousId);
        b.Property(a => a.AnonymousId).HasMaxLength(200);
        b.HasIndex(a => a.ContactId);
    }
}

internal sealed class StoredEventConfiguration : IEntityTypeConfiguration<StoredEvent>
{
    public void Configure(EntityTypeBuilder<StoredEvent> b)
    {
        b.ToTable("Events");
        b.Property(e => e.MessageId).HasMaxLength(200);
        b.Property(e => e.Type).HasMaxLength(20);
        b.Property(e => e.Name).HasMaxLength(200);
        // The dedup guarantee: a retried message is a no-op, enforced by the database.
        b.HasIndex(e => new { e.SourceId, e.MessageId }).IsUnique();
        b.HasIndex(e => new { e.ContactId, e.Timestamp });
        b.HasIndex(e => new { e.Name, e.Timestamp });
        b.HasIndex(e => e.Timestamp);
    }
}

internal sealed class EventTypeConfiguration : IEntityTypeConfiguration<EventType>
{
    public void Configure(EntityTypeBuilder<EventType> b)
    {
        b.Property(e => e.Name).HasMaxLength(200);
        b.Property(e => e.Category).HasMaxLength(100);
        b.HasIndex(e => e.Name).IsUnique();
    }
}
