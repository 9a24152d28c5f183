using System.Text.Json;
using CampaignConsole.Core.Events.Ingest;
using static CampaignConsole.Core.Tests.Events.Ingest.IngestJson;

namespace CampaignConsole.Core.Tests.Events.Ingest;

public class BatchParserTests
{
    [Theory]
    [InlineData("[]", "")]
    [InlineData("\"batch\"", "")]
    [InlineData("{}", "batch")]
    [InlineData("""{"batch":{}}""", "batch")]
    [InlineData("""{"batch":[]}""", "batch")]
    public void Body_without_a_batch_array_is_refused(string json, string field)
    {
        var parsed = Parse(json);

        Assert.Equal([field], parsed.Errors.Keys);
        Assert.Empty(parsed.Messages);
    }

    [Fact]
    public void Batch_of_more_than_2500_messages_is_refused()
    {
        var messages = string.Join(",", Enumerable.Range(0, BatchParser.MaxMessagesPerBatch + 1)
            .Select(i => $$"""{"type":"track","messageId":"m{{i}}","userId":"u","event":"e"}"""));

        var parsed = Parse($$"""{"batch":[{{messages}}]}""");

        Assert.Equal(["batch"], parsed.Errors.Keys);
    }

    [Fact]
    public void Errors_are_keyed_by_message_index_and_field()
    {
        var parsed = Parse("""
            {"batch":[
              {"type":"track","messageId":"ok","userId":"u1","event":"e"},
              {"type":"track","userId":"u1","event":"e"},
              {"type":"track","messageId":"m3"},
              {"type":"track","messageId":"m4","userId":"u1"}
            ]}
            """);

        Assert.False(parsed.IsValid);
        Assert.Equal(["batch[1].messageId", "batch[2].event", "batch[2].userId", "batch[3].event"],
            parsed.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void One_invalid_message_refuses_the_whole_batch()
    {
        var parsed = Parse("""
            {"batch":[
              {"type":"track","messageId":"ok","userId":"u1","event":"e"},
              {"type":"track","messageId":"bad","userId":"u1"}
            ]}
            """);

        Assert.False(parsed.IsValid);
        Assert.Empty(parsed.Messages);
    }

    [Fact]
    public void Duplicate_message_ids_within_a_batch_collapse_to_the_first()
    {
        var parsed = Parse("""
            {"batch":[
              {"type":"track","messageId":"m1","userId":"u1","event":"first"},
              {"type":"track","messageId":"m2","userId":"u1","event":"other"},
              {"type":"track","messageId":"m1","userId":"u1","event":"retry"}
            ]}
            """);

        Assert.True(parsed.IsValid);
        Assert.Equal(["first", "other"], parsed.Messages.Select(m => m.Name));
    }

    [Fact]
    public void Timestamps_are_shifted_by_the_clock_skew_between_sent_at_and_received_at()
    {
        // The client's clock runs one hour behind: it says it sent at 11:00 when it is 12:00 here.
        var parsed = Parse("""
            {"sentAt":"2026-11-23T11:00:00Z","batch":[
              {"type":"track","messageId":"m1","userId":"u1","event":"e","timestamp":"2026-11-23T10:59:00Z"}
            ]}
            """);

        Assert.Equal(new DateTime(2026, 11, 23, 11, 59, 0, DateTimeKind.Utc), Assert.Single(parsed.Messages).Timestamp);
    }

    [Fact]
    public void Skew_is_corrected_on_single_message_routes_too()
    {
        var m = Single("""{"sentAt":"2026-11-23T12:10:00Z","messageId":"m1","userId":"u1","event":"e","timestamp":"2026-11-23T12:09:00Z"}""");

        Assert.Equal(new DateTime(2026, 11, 23, 11, 59, 0, DateTimeKind.Utc), m.Timestamp);
    }

    [Theory]
    [InlineData("2026-11-23T11:59:59Z")]  // one second: network latency, not skew
    [InlineData("2024-01-01T00:00:00Z")]  // years apart: a broken clock, not a skew to trust
    [InlineData("not a date")]
    public void Tiny_absurd_or_unreadable_sent_at_leaves_timestamps_alone(string sentAt)
    {
        var parsed = Parse($$"""
            {"sentAt":"{{sentAt}}","batch":[
              {"type":"track","messageId":"m1","userId":"u1","event":"e","timestamp":"2026-11-23T10:00:00Z"}
            ]}
            """);

        Assert.Equal(new DateTime(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc), Assert.Single(parsed.Messages).Timestamp);
    }

    [Fact]
    public void Message_without_timestamp_is_not_shifted()
    {
        var parsed = Parse("""{"sentAt":"2026-11-23T11:00:00Z","batch":[{"type":"track","messageId":"m1","userId":"u1","event":"e"}]}""");

        Assert.Equal(Now, Assert.Single(parsed.Messages).Timestamp);
    }

    [Theory]
    [InlineData("""{"writeKey":"wk_1","batch":[]}""", "wk_1")]
    [InlineData("""{"writeKey":1}""", null)]
    [InlineData("""{}""", null)]
    [InlineData("""[]""", null)]
    public void Write_key_is_read_from_the_body(string json, string? expected)
    {
        using var doc = JsonDocument.Parse(json);

        Assert.Equal(expected, BatchParser.WriteKeyIn(doc.RootElement));
    }
}
