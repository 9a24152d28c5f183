using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CampaignConsole.Web.Tests.Infrastructure;
using static CampaignConsole.Web.Tests.Infrastructure.Segment;

namespace CampaignConsole.Web.Tests.Api;

[Collection(ApiCollection.Name)]
public class IngestTests(CampaignApiFactory app)
{
    private readonly HttpClient _ingest = app.CreateWriteKeyClient();
    private readonly HttpClient _api = app.CreateSecretKeyClient();

    private Task<HttpResponseMessage> PostRawAsync(string json, string url = "/v1/batch") =>
        _ingest.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    [Theory]
    [InlineData("track")]
    [InlineData("identify")]
    [InlineData("page")]
    [InlineData("screen")]
    [InlineData("group")]
    [InlineData("alias")]
    public async Task Each_single_message_route_stores_its_type(string type)
    {
        var user = NewId("user");
        var messageId = NewId("msg");
        var message = new JsonObject
        {
            ["messageId"] = messageId, ["userId"] = user, ["event"] = "single_route_event", ["name"] = "Home",
            ["previousId"] = NewId("old"), ["traits"] = new JsonObject { ["name"] = "Ada" },
        };

        using var response = await _ingest.PostAsJsonAsync("/v1/" + type, message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonObject>())!["success"]!.GetValue<bool>());
        var stored = Assert.Single(await _api.EventsAsync($"userId={user}"));
        Assert.Equal(type, stored["type"]!.GetValue<string>());
        Assert.Equal(messageId, stored["messageId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Batch_stores_every_message_with_its_properties()
    {
        var user = NewId("user");

        await _ingest.SendAsync(
            Track(user, "add_to_cart", new { sku = "A1", price = 30 }),
            Page(user, "Pricing"),
            Identify(user, new { name = "Ada" }));

        var events = await _api.EventsAsync($"userId={user}");
        Assert.Equal(3, events.Count);
        var track = events.Single(e => e["type"]!.GetValue<string>() == "track");
        Assert.Equal("add_to_cart", track["name"]!.GetValue<string>());
        Assert.Equal(30, track["properties"]!["price"]!.GetValue<int>());
        Assert.Equal("Pricing", events.Single(e => e["type"]!.GetValue<string>() == "page")["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem_and_stores_nothing()
    {
        var user = NewId("user");

        using var response = await PostRawAsync($$"""{"batch":[{"type":"track","messageId":"m1","userId":"{{user}}","event":"e"}""");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("not valid JSON", problem["detail"]!.GetValue<string>());
        Assert.Empty(await _api.EventsAsync($"userId={user}"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("""{"batch":[]}""")]
    public async Task Body_without_messages_is_a_400_problem(string json)
    {
        using var response = await PostRawAsync(json);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Message_over_32_KB_is_refused_with_413_and_nothing_is_stored()
    {
        var user = NewId("user");

        using var response = await _ingest.PostAsJsonAsync("/v1/batch", Batch(
            Track(user, "small"),
            Track(user, "big", new { blob = new string('x', 33 * 1024) })));

        var problem = await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("batch[1]", problem["detail"]!.GetValue<string>());
        Assert.Empty(await _api.EventsAsync($"userId={user}"));
    }

    [Fact]
    public async Task Batch_over_500_KB_is_refused_with_413_and_nothing_is_stored()
    {
        var user = NewId("user");
        var messages = Enumerable.Range(0, 20).Select(_ => Track(user, "bulk", new { blob = new string('x', 30 * 1024) })).ToArray();

        using var response = await _ingest.PostAsJsonAsync("/v1/batch", Batch(messages));

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Empty(await _api.EventsAsync($"userId={user}"));
    }

    [Fact]
    public async Task Invalid_messages_are_named_by_index_and_the_whole_batch_is_refused()
    {
        var user = NewId("user");
        var noMessageId = Track(user, "e");
        noMessageId.Remove("messageId");
        var noIds = Track(null, "e");
        var noEvent = Track(user, "e");
        noEvent.Remove("event");

        using var response = await _ingest.PostAsJsonAsync("/v1/batch", Batch(Track(user, "valid"), noMessageId, noIds, noEvent));

        await response.AssertValidationProblemAsync("batch[1].messageId", "batch[2].userId", "batch[3].event");
        Assert.Empty(await _api.EventsAsync($"userId={user}"));
    }

    [Fact]
    public async Task Single_route_validation_names_the_field_without_a_prefix()
    {
        using var response = await _ingest.PostAsJsonAsync("/v1/track", new { messageId = NewId("msg"), userId = NewId("user") });

        await response.AssertValidationProblemAsync("event");
    }

    [Fact]
    public async Task Gzip_body_is_accepted()
    {
        var user = NewId("user");
        var json = Batch(Track(user, "zipped"), Track(user, "zipped")).ToJsonString();
        using var zipped = new MemoryStream();
        await using (var gzip = new GZipStream(zipped, CompressionLevel.Fastest, leaveOpen: true))
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(json));
        var content = new ByteArrayContent(zipped.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add("gzip");

        using var response = await _ingest.PostAsync("/v1/batch", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await _api.EventsAsync($"userId={user}")).Count);
    }

    [Fact]
    public async Task Body_that_claims_gzip_but_is_not_is_a_400_problem()
    {
        var content = new StringContent("""{"batch":[]}""", Encoding.UTF8, "application/json");
        content.Headers.ContentEncoding.Add("gzip");

        using var response = await _ingest.PostAsync("/v1/batch", content);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Retried_batch_is_stored_once()
    {
        var user = NewId("user");
        var batch = new[] { Track(user, "purchase"), Track(user, "purchase") };

        await _ingest.SendAsync(batch);
        await _ingest.SendAsync(batch);
        await _ingest.SendAsync(batch[1]);

        var events = await _api.EventsAsync($"userId={user}");
        Assert.Equal(2, events.Count);
        Assert.Equal(batch.Select(m => m["messageId"]!.GetValue<string>()).Order(), events.Select(e => e["messageId"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task Concurrent_overlapping_batches_store_each_message_once()
    {
        var user = NewId("user");
        var ids = Enumerable.Range(0, 40).Select(i => $"{user}-m{i}").ToArray();

        // Request i sends messages i .. i+9: every message is in up to ten requests at once.
        var sends = Enumerable.Range(0, 20).Select(async i =>
        {
            using var client = app.CreateWriteKeyClient();
            await client.SendAsync(ids.Skip(i).Take(10).Select(id => Track(user, "overlap", new { id }, messageId: id)).ToArray());
        });
        await Task.WhenAll(sends);

        var stored = (await _api.EventsAsync($"userId={user}")).Select(e => e["messageId"]!.GetValue<string>()).ToList();
        Assert.Equal(ids.Take(29).Order(), stored.Order());
    }

    [Fact]
    public async Task Timestamp_is_corrected_by_the_clients_clock_skew()
    {
        var user = NewId("user");
        var now = DateTimeOffset.UtcNow;
        // The client's clock is an hour behind: the event happened ten minutes ago by ours.
        var body = Batch(Track(user, "skewed", timestamp: now.AddHours(-1).AddMinutes(-10)));
        body["sentAt"] = now.AddHours(-1).ToString("O");

        using var response = await _ingest.PostAsJsonAsync("/v1/batch", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = DateTimeOffset.Parse(Assert.Single(await _api.EventsAsync($"userId={user}"))["timestamp"]!.GetValue<string>(),
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(stored, now.AddMinutes(-10).AddSeconds(-30), now.AddMinutes(-10).AddSeconds(30));
    }

    [Fact]
    public async Task Timestamp_without_sent_at_is_kept_as_sent()
    {
        var user = NewId("user");
        var at = new DateTimeOffset(2026, 3, 1, 8, 30, 0, TimeSpan.Zero);

        await _ingest.SendAsync(Track(user, "past", timestamp: at));

        var stored = Assert.Single(await _api.EventsAsync($"userId={user}"))["timestamp"]!.GetValue<string>();
        Assert.Equal(at, DateTimeOffset.Parse(stored, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Numeric_user_id_is_accepted_and_found_by_its_text()
    {
        var user = Random.Shared.NextInt64(1_000_000_000, 9_000_000_000);
        var message = Track(null, "numeric");
        message["userId"] = user;

        await _ingest.SendAsync(message);

        Assert.Single(await _api.EventsAsync($"userId={user}"));
    }
}
