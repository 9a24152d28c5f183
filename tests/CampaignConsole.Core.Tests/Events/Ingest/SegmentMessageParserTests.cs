using static CampaignConsole.Core.Tests.Events.Ingest.IngestJson;

namespace CampaignConsole.Core.Tests.Events.Ingest;

public class SegmentMessageParserTests
{
    [Fact]
    public void Track_message_keeps_event_name_properties_and_context()
    {
        var m = Single("""
            {"messageId":"m1","userId":"u1","anonymousId":"a1","event":"add_to_cart",
             "properties":{"sku":"A1","price":30},"context":{"ip":"1.2.3.4"},"timestamp":"2026-11-20T10:00:00Z"}
            """);

        Assert.Equal("track", m.Type);
        Assert.Equal("m1", m.MessageId);
        Assert.Equal("u1", m.UserId);
        Assert.Equal("a1", m.AnonymousId);
        Assert.Equal("add_to_cart", m.Name);
        Assert.Equal("""{"sku":"A1","price":30}""", m.PropertiesJson);
        Assert.Equal("""{"ip":"1.2.3.4"}""", m.ContextJson);
        Assert.Equal(new DateTime(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc), m.Timestamp);
        Assert.Equal(DateTimeKind.Utc, m.Timestamp.Kind);
    }

    [Fact]
    public void Missing_timestamp_means_received_now()
    {
        var m = Single("""{"messageId":"m1","userId":"u1","event":"e"}""");

        Assert.Equal(Now, m.Timestamp);
        Assert.Equal("{}", m.PropertiesJson);
        Assert.Null(m.ContextJson);
    }

    [Fact]
    public void Timestamp_with_offset_is_stored_in_utc()
    {
        var m = Single("""{"messageId":"m1","userId":"u1","event":"e","timestamp":"2026-11-20T12:00:00+02:00"}""");

        Assert.Equal(new DateTime(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc), m.Timestamp);
    }

    [Theory]
    [InlineData("42", "42")]
    [InlineData("12345678901234567890", "12345678901234567890")]
    [InlineData("\"  \"", null)]
    public void Numeric_user_id_is_stored_as_its_text(string userIdJson, string? expected)
    {
        var m = Single($$"""{"messageId":"m1","userId":{{userIdJson}},"anonymousId":"a1","event":"e"}""");

        Assert.Equal(expected, m.UserId);
    }

    [Fact]
    public void Numeric_anonymous_id_alone_identifies_the_visitor()
    {
        var m = Single("""{"messageId":"m1","anonymousId":7,"event":"e"}""");

        Assert.Null(m.UserId);
        Assert.Equal("7", m.AnonymousId);
    }

    [Theory]
    [InlineData("""{"userId":"u1","event":"e"}""", "messageId")]
    [InlineData("""{"messageId":"","userId":"u1","event":"e"}""", "messageId")]
    [InlineData("""{"messageId":"   ","userId":"u1","event":"e"}""", "messageId")]
    [InlineData("""{"messageId":5,"userId":"u1","event":"e"}""", "messageId")]
    [InlineData("""{"messageId":"m1","event":"e"}""", "userId")]
    [InlineData("""{"messageId":"m1","userId":null,"anonymousId":"","event":"e"}""", "userId")]
    [InlineData("""{"messageId":"m1","userId":true,"event":"e"}""", "userId")]
    [InlineData("""{"messageId":"m1","userId":{"id":1},"event":"e"}""", "userId")]
    [InlineData("""{"messageId":"m1","anonymousId":["a"],"event":"e"}""", "anonymousId")]
    [InlineData("""{"messageId":"m1","userId":"u1"}""", "event")]
    [InlineData("""{"messageId":"m1","userId":"u1","event":" "}""", "event")]
    [InlineData("""{"messageId":"m1","userId":"u1","event":12}""", "event")]
    [InlineData("""{"messageId":"m1","userId":"u1","event":"e","properties":"sku=A1"}""", "properties")]
    [InlineData("""{"messageId":"m1","userId":"u1","event":"e","properties":[1]}""", "properties")]
    [InlineData("""{"messageId":"m1","userId":"u1","event":"e","context":"web"}""", "context")]
    [InlineData("""{"messageId":"m1","userId":"u1","event":"e","traits":1}""", "traits")]
    [InlineData("""{"messageId":"m1","userId":"u1","event":"e","timestamp":"yesterday"}""", "timestamp")]
    [InlineData("""{"messageId":"m1","userId":"u1","event":"e","timestamp":1700000000}""", "timestamp")]
    public void Invalid_track_message_names_the_faulty_field(string json, string field)
    {
        var parsed = Parse(json, "track");

        Assert.False(parsed.IsValid);
        Assert.Contains(field, parsed.Errors.Keys);
        Assert.Empty(parsed.Messages);
    }

    [Fact]
    public void Ids_and_names_longer_than_200_characters_are_refused()
    {
        var longText = new string('x', 201);
        var parsed = Parse($$"""{"messageId":"{{longText}}","userId":"{{longText}}","anonymousId":"{{longText}}","event":"{{longText}}"}""", "track");

        Assert.Equal(["anonymousId", "event", "messageId", "userId"], parsed.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("page")]
    [InlineData("screen")]
    public void Page_name_longer_than_200_characters_is_named_name(string type)
    {
        var parsed = Parse($$"""{"messageId":"m1","userId":"u1","name":"{{new string('p', 201)}}"}""", type);

        Assert.Equal(["name"], parsed.Errors.Keys);
    }

    [Fact]
    public void Two_hundred_character_ids_are_accepted()
    {
        var text = new string('x', 200);
        var m = Single($$"""{"messageId":"{{text}}","userId":"{{text}}","event":"{{text}}"}""");

        Assert.Equal(text, m.MessageId);
    }

    [Theory]
    [InlineData("track")]
    [InlineData("identify")]
    [InlineData("page")]
    [InlineData("screen")]
    [InlineData("group")]
    [InlineData("alias")]
    public void Every_segment_type_is_accepted_in_a_batch(string type)
    {
        var parsed = Parse($$"""{"batch":[{"type":"{{type}}","messageId":"m1","userId":"u1","event":"e","previousId":"old"}]}""");

        Assert.True(parsed.IsValid);
        Assert.Equal(type, Assert.Single(parsed.Messages).Type);
    }

    [Theory]
    [InlineData("""{"messageId":"m1","userId":"u1"}""")]
    [InlineData("""{"type":"click","messageId":"m1","userId":"u1"}""")]
    [InlineData("""{"type":"Track","messageId":"m1","userId":"u1","event":"e"}""")]
    [InlineData("""{"type":3,"messageId":"m1","userId":"u1"}""")]
    public void Batch_message_without_a_known_type_is_refused(string message)
    {
        var parsed = Parse($$"""{"batch":[{{message}}]}""");

        Assert.Contains("batch[0].type", parsed.Errors.Keys);
    }

    [Fact]
    public void Route_type_wins_over_the_type_in_the_body()
    {
        var m = Single("""{"type":"identify","messageId":"m1","userId":"u1","event":"e"}""", "track");

        Assert.Equal("track", m.Type);
        Assert.Equal("e", m.Name);
    }

    [Fact]
    public void Alias_needs_a_previous_id()
    {
        var parsed = Parse("""{"messageId":"m1","userId":"u1"}""", "alias");

        Assert.Contains("previousId", parsed.Errors.Keys);
        Assert.Equal("old", Single("""{"messageId":"m1","userId":"u1","previousId":"old"}""", "alias").PreviousId);
    }

    [Fact]
    public void Identify_stores_its_traits_as_the_event_properties()
    {
        var m = Single("""{"messageId":"m1","userId":"u1","traits":{"name":"Ada"},"properties":{"ignored":true}}""", "identify");

        Assert.Equal("identify", m.Name);
        Assert.Equal("""{"name":"Ada"}""", m.TraitsJson);
        Assert.Equal("""{"name":"Ada"}""", m.PropertiesJson);
    }

    [Fact]
    public void Page_and_screen_are_named_by_their_name()
    {
        Assert.Equal("Pricing", Single("""{"messageId":"m1","userId":"u1","name":"Pricing"}""", "page").Name);
        Assert.Equal("", Single("""{"messageId":"m2","userId":"u1"}""", "screen").Name);
    }

    [Fact]
    public void Timezone_trait_is_kept_when_it_is_an_iana_zone()
    {
        Assert.Equal("Europe/Berlin", Single("""{"messageId":"m1","userId":"u1","traits":{"timezone":"Europe/Berlin"}}""", "identify").TimeZone);
        Assert.Null(Single("""{"messageId":"m2","userId":"u1","traits":{"timezone":"Mars/Olympus_Mons"}}""", "identify").TimeZone);
        Assert.Null(Single("""{"messageId":"m3","userId":"u1","traits":{"timezone":5}}""", "identify").TimeZone);
    }

    [Fact]
    public void Device_time_zone_of_the_context_is_kept_apart_from_the_trait()
    {
        var m = Single("""{"messageId":"m1","userId":"u1","event":"e","context":{"timezone":"Asia/Tokyo"}}""");

        Assert.Null(m.TimeZone);
        Assert.Equal("Asia/Tokyo", m.ContextTimeZone);
    }

    [Fact]
    public void Message_over_32_KB_is_refused_with_the_limit()
    {
        var big = new string('x', 33 * 1024);
        var parsed = Parse($$$"""{"batch":[{"type":"track","messageId":"m1","userId":"u1","event":"e","properties":{"blob":"{{{big}}}"}}]}""");

        Assert.False(parsed.IsValid);
        var (key, errors) = Assert.Single(parsed.Errors);
        Assert.Equal("batch[0]", key);
        Assert.Contains("the limit is 32768 bytes", Assert.Single(errors));
    }

    [Fact]
    public void Message_that_is_not_an_object_is_named_by_its_index()
    {
        var parsed = Parse("""{"batch":[{"type":"track","messageId":"m1","userId":"u1","event":"e"}, "oops"]}""");

        Assert.Equal(["batch[1]"], parsed.Errors.Keys);
    }
}
