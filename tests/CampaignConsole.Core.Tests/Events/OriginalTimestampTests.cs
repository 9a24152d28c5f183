using System.Text.Json;
using CampaignConsole.Core.Events.Ingest;

namespace CampaignConsole.Core.Tests.Events;

/// <summary>RudderStack's SDKs send `originalTimestamp` (the call time) and `sentAt`, not `timestamp`.</summary>
public class OriginalTimestampTests
{
    private static readonly DateTime Now = new(2026, 5, 1, 12, 0, 0, DateTimeKind.Utc);

    private static BatchParser.Parsed Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return BatchParser.Parse(doc.RootElement, null, Now);
    }

    [Fact]
    public void OriginalTimestamp_is_the_event_time_when_timestamp_is_absent()
    {
        var parsed = Parse("""{"batch":[{"type":"track","messageId":"m1","userId":"u","event":"e","originalTimestamp":"2026-05-01T11:59:50Z","sentAt":"2026-05-01T12:00:00Z"}],"sentAt":"2026-05-01T12:00:00Z"}""");
        Assert.True(parsed.IsValid);
        Assert.Equal(new DateTime(2026, 5, 1, 11, 59, 50, DateTimeKind.Utc), parsed.Messages[0].Timestamp);
    }

    [Fact]
    public void OriginalTimestamp_is_corrected_by_the_clock_skew()
    {
        // The client's clock is 1 h behind: sentAt says 11:00 when the server receives it at 12:00.
        var parsed = Parse("""{"batch":[{"type":"track","messageId":"m1","userId":"u","event":"e","originalTimestamp":"2026-05-01T10:59:30Z"}],"sentAt":"2026-05-01T11:00:00Z"}""");
        Assert.Equal(new DateTime(2026, 5, 1, 11, 59, 30, DateTimeKind.Utc), parsed.Messages[0].Timestamp);
    }

    [Fact]
    public void Timestamp_wins_over_originalTimestamp()
    {
        var parsed = Parse("""{"batch":[{"type":"track","messageId":"m1","userId":"u","event":"e","timestamp":"2026-05-01T11:00:00Z","originalTimestamp":"2026-05-01T10:00:00Z"}]}""");
        Assert.Equal(new DateTime(2026, 5, 1, 11, 0, 0, DateTimeKind.Utc), parsed.Messages[0].Timestamp);
    }

    [Fact]
    public void A_malformed_originalTimestamp_is_refused_by_name()
    {
        var parsed = Parse("""{"batch":[{"type":"track","messageId":"m1","userId":"u","event":"e","originalTimestamp":"yesterday"}]}""");
        Assert.False(parsed.IsValid);
        Assert.Contains("batch[0].originalTimestamp", parsed.Errors.Keys);
    }

    [Fact]
    public void Without_either_the_event_time_is_the_arrival()
    {
        var parsed = Parse("""{"batch":[{"type":"track","messageId":"m1","userId":"u","event":"e"}]}""");
        Assert.Equal(Now, parsed.Messages[0].Timestamp);
    }
}
