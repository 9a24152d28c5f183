using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CampaignConsole.Core.Persistence;

/// <summary>All times are UTC; SQLite returns them without a kind, so mark them on the way out.</summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
