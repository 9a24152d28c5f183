using CampaignConsole.Core.Campaigns;
using CampaignConsole.Core.Segments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using DeliveryRow = CampaignConsole.Core.Delivery.Delivery;

namespace CampaignConsole.Core.Persistence;

internal sealed class SegmentConfiguration : IEntityTypeConfiguration<Segment>
{
    public void Configure(EntityTypeBuilder<Segment> b)
    {
        b.Property(s => s.Id).HasMaxLength(100);
        b.Property(s => s.Name).HasMaxLength(200);
    }
}

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> b)
    {
        b.Property(c => c.Id).HasMaxLength(100);
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.TriggerEvent).HasMaxLength(200);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.TriggerType).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(c => c.Status);
    }
}

internal sealed class JourneyConfiguration : IEntityTypeConfiguration<Journey>
{
    public void Configure(EntityTypeBuilder<Journey> b)
    {
        b.Property(j => j.CampaignId).HasMaxLength(100);
        b.Property(j => j.TriggerKey).HasMaxLength(300);
        b.Property(j => j.Status).HasConversion<string>().HasMaxLength(20);
        // One entry per trigger: reprocessing an event, a fan-out batch or an API call cannot enter twice.
        b.HasIndex(j => new { j.CampaignId, j.ContactId, j.TriggerKey }).IsUnique();
        b.HasIndex(j => new { j.Status, j.NextRunAt });
        b.HasIndex(j => new { j.ContactId, j.CampaignId });
    }
}

internal sealed class DeliveryConfiguration : IEntityTypeConfiguration<DeliveryRow>
{
    public void Configure(EntityTypeBuilder<DeliveryRow> b)
    {
        b.ToTable("Deliveries");
        b.Property(d => d.CampaignId).HasMaxLength(100);
        b.Property(d => d.Channel).HasMaxLength(20);
        b.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(d => d.Reason).HasMaxLength(1000);
        // A journey step creates at most one delivery: re-running a step never sends twice.
        b.HasIndex(d => new { d.JourneyId, d.Step }).IsUnique();
        b.HasIndex(d => new { d.Status, d.DueAt });
        b.HasIndex(d => new { d.ContactId, d.CreatedAt });
        b.HasIndex(d => new { d.CampaignId, d.CreatedAt });
    }
}

internal sealed class FrequencyClaimConfiguration : IEntityTypeConfiguration<FrequencyClaim>
{
    public void Configure(EntityTypeBuilder<FrequencyClaim> b)
    {
        b.HasKey(f => new { f.CampaignId, f.ContactId });
        b.Property(f => f.CampaignId).HasMaxLength(100);
    }
}

internal sealed class EngineCursorConfiguration : IEntityTypeConfiguration<EngineCursor>
{
    public void Configure(EntityTypeBuilder<EngineCursor> b)
    {
        b.HasKey(c => c.Name);
        b.Property(c => c.Name).HasMaxLength(50);
    }
}

internal sealed class FanOutConfiguration : IEntityTypeConfiguration<FanOut>
{
    public void Configure(EntityTypeBuilder<FanOut> b)
    {
        b.Property(f => f.CampaignId).HasMaxLength(100);
        b.Property(f => f.Status).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(f => new { f.CampaignId, f.EventId }).IsUnique();
        b.HasIndex(f => f.Status);
    }
}
