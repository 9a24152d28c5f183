using System.Net;
using System.Text.Json.Nodes;
using CampaignConsole.Web.Tests.Infrastructure;
using static CampaignConsole.Web.Tests.Infrastructure.Segment;

namespace CampaignConsole.Web.Tests.Api;

[Collection(ApiCollection.Name)]
public class UsersApiTests(CampaignApiFactory app)
{
    private readonly HttpClient _ingest = app.CreateWriteKeyClient();
    private readonly HttpClient _api = app.CreateSecretKeyClient();

    private async Task<List<string>> TimelineMessageIdsAsync(string userId)
    {
        var timeline = await _api.GetJsonAsync($"/api/v1/users/{userId}/timeline?limit=500");
        return timeline["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
    }

    private async Task<List<long>> EventIdsAsync(string query) =>
        (await _api.EventsAsync(query)).Select(e => e["id"]!.GetValue<long>()).Order().ToList();

    [Fact]
    public async Task Second_identify_adds_traits_and_overwrites_the_same_key()
    {
        var user = NewId("user");

        await _ingest.SendAsync(Identify(user, new { name = "Ada", plan = "free" }));
        await _ingest.SendAsync(Identify(user, new { plan = "gold", city = "London" }));

        var profile = await _api.GetJsonAsync($"/api/v1/users/{user}");
        Assert.Equal(user, profile["userId"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"name":"Ada","plan":"gold","city":"London"}"""), profile["traits"]), profile["traits"]!.ToJsonString());
    }

    [Fact]
    public async Task Anonymous_events_belong_to_the_user_once_identified()
    {
        var user = NewId("user");
        var anonymous = NewId("anon");
        await _ingest.SendAsync(Track(null, "viewed_item", anonymousId: anonymous), Track(null, "add_to_cart", anonymousId: anonymous));

        await _ingest.SendAsync(Identify(user, new { name = "Ada" }, anonymousId: anonymous));

        var timeline = await _api.GetJsonAsync($"/api/v1/users/{user}/timeline");
        Assert.Equal(["add_to_cart", "identify", "viewed_item"],
            timeline["items"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var byAnonymousId = await _api.GetJsonAsync($"/api/v1/users/{anonymous}");
        Assert.Equal(user, byAnonymousId["userId"]!.GetValue<string>());
        Assert.Equal([anonymous], byAnonymousId["anonymousIds"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(3, (await _api.EventsAsync($"userId={user}")).Count);
    }

    [Fact]
    public async Task Identify_linking_two_separate_contacts_merges_them()
    {
        var user = NewId("user");
        var anonymous = NewId("anon");
        await _ingest.SendAsync(Identify(null, new { cart = 2, name = "guest" }, anonymousId: anonymous), Track(null, "viewed_item", anonymousId: anonymous));
        await _ingest.SendAsync(Identify(user, new { name = "Ada" }), Track(user, "login"));
        var anonymousEvents = await EventIdsAsync($"userId={anonymous}");
        var userEvents = await EventIdsAsync($"userId={user}");
        Assert.Empty(anonymousEvents.Intersect(userEvents));

        await _ingest.SendAsync(Identify(user, new { plan = "gold" }, anonymousId: anonymous));

        var timelineIds = await TimelineMessageIdsAsync(user);
        Assert.Equal(5, timelineIds.Count);
        Assert.Subset(timelineIds.ToHashSet(), anonymousEvents.Concat(userEvents).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToHashSet());
        var profile = await _api.GetJsonAsync($"/api/v1/users/{anonymous}");
        Assert.Equal(user, profile["userId"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"name":"Ada","cart":2,"plan":"gold"}"""), profile["traits"]), profile["traits"]!.ToJsonString());
    }

    [Fact]
    public async Task Timezone_trait_is_kept_on_the_profile()
    {
        var user = NewId("user");

        await _ingest.SendAsync(Identify(user, new { timezone = "America/New_York" }));
        await _ingest.SendAsync(Track(user, "login"));

        var profile = await _api.GetJsonAsync($"/api/v1/users/{user}");
        Assert.Equal("America/New_York", profile["timeZone"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_time_zone_is_ignored()
    {
        var user = NewId("user");

        await _ingest.SendAsync(Identify(user, new { timezone = "Mars/Olympus_Mons" }));

        var profile = await _api.GetJsonAsync($"/api/v1/users/{user}");
        Assert.Null(profile["timeZone"]);
    }

    [Fact]
    public async Task Unknown_user_is_a_404_problem()
    {
        using var profile = await _api.GetAsync($"/api/v1/users/{NewId("nobody")}");
        using var timeline = await _api.GetAsync($"/api/v1/users/{NewId("nobody")}/timeline");

        await profile.AssertProblemAsync(HttpStatusCode.NotFound);
        await timeline.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Timeline_pages_newest_first_without_gaps()
    {
        var user = NewId("user");
        var start = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);
        await _ingest.SendAsync(Enumerable.Range(0, 5).Select(i => Track(user, $"step_{i}", timestamp: start.AddMinutes(i / 2))).ToArray());

        var names = new List<string>();
        string? cursor = null;
        do
        {
            var page = await _api.GetJsonAsync($"/api/v1/users/{user}/timeline?limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            var items = page["items"]!.AsArray();
            Assert.InRange(items.Count, 1, 2);
            names.AddRange(items.Select(i => i!["name"]!.GetValue<string>()));
            cursor = page["nextCursor"]?.GetValue<string>();
        } while (cursor is not null);

        Assert.Equal(["step_4", "step_3", "step_2", "step_1", "step_0"], names);
    }

    [Theory]
    [InlineData("cursor=junk")]
    [InlineData("limit=0")]
    [InlineData("limit=501")]
    public async Task Bad_timeline_paging_is_a_400_problem(string query)
    {
        var user = NewId("user");
        await _ingest.SendAsync(Track(user, "login"));

        using var response = await _api.GetAsync($"/api/v1/users/{user}/timeline?{query}");

        await response.AssertValidationProblemAsync(query.Split('=')[0]);
    }
}
