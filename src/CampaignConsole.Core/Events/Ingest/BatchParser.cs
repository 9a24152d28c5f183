using System.Globalization;
using System.Text.Json;

namespace CampaignConsole.Core.Events.Ingest;

/// <summary>Turns a request body (a batch or one message) into validated messages, all or nothing.</summary>
public static class BatchParser
{
    public const int MaxMessagesPerBatch = 2_500;

    public sealed record Parsed(IReadOnlyList<IngestMessage> Messages, IDictionary<string, string[]> Errors)
    {
        public bool IsValid => Errors.Count == 0;

        /// <summary>A message is over Segment's 32 KB: 413 rather than 400.</summary>
        public bool TooLarge => Errors.Values.Any(v => v.Any(e => e.StartsWith(SegmentMessageParser.TooLarge, StringComparison.Ordinal)));
    }

    /// <param name="impliedType">null for `/v1/batch`; the route's type for single-message routes.</param>
    public static Parsed Parse(JsonElement root, string? impliedType, DateTime now)
    {
        var errors = new Dictionary<string, List<string>>();
        var messages = new List<IngestMessage>();
        if (root.ValueKind != JsonValueKind.Object)
            return Fail("", "the body must be a JSON object");

        var skew = Skew(root, now);
        if (impliedType is null)
        {
            if (!root.TryGetProperty("batch", out var batch) || batch.ValueKind != JsonValueKind.Array)
                return Fail("batch", "is required and must be an array of messages");
            if (batch.GetArrayLength() == 0) return Fail("batch", "is empty");
            if (batch.GetArrayLength() > MaxMessagesPerBatch) return Fail("batch", $"has more than {MaxMessagesPerBatch} messages");
            var i = 0;
            foreach (var msg in batch.EnumerateArray())
            {
                // A message's own sentAt-less timestamp uses the batch's skew, as Segment does.
                if (SegmentMessageParser.Parse(msg, $"batch[{i}]", null, skew, now, errors) is { } m) messages.Add(m);
                i++;
            }
        }
        else if (SegmentMessageParser.Parse(root, "", impliedType, skew, now, errors) is { } single)
        {
            messages.Add(single);
        }

        // Two messages with one messageId in one batch: the second is a retry of the first.
        var unique = messages.DistinctBy(m => m.MessageId).ToList();
        return new Parsed(errors.Count == 0 ? unique : [], errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }

    /// <summary>Client clocks drift: timestamps are shifted by receivedAt − sentAt when sentAt is given.</summary>
    private static TimeSpan Skew(JsonElement root, DateTime now)
    {
        if (root.TryGetProperty("sentAt", out var sent) && sent.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(sent.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var sentAt))
        {
            var skew = now - sentAt.UtcDateTime;
            // Ignore tiny differences (network latency), and absurd ones.
            return Math.Abs(skew.TotalSeconds) < 2 || Math.Abs(skew.TotalDays) > 365 ? TimeSpan.Zero : skew;
        }
        return TimeSpan.Zero;
    }

    private static Parsed Fail(string field, string error) =>
        new([], new Dictionary<string, string[]> { [field] = [error] });

    /// <summary>The write key sent in the body (`writeKey`), the alternative to Basic auth.</summary>
    public static string? WriteKeyIn(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("writeKey", out var k) && k.ValueKind == JsonValueKind.String
            ? k.GetString() : null;
}
