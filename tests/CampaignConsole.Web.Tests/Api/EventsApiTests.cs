using System.Globalization;
using System.Text.Json.Nodes;
using CampaignConsole.Web.Tests.Infrastructure;
using static CampaignConsole.Web.Tests.Infrastructure.Segment;

namespace CampaignConsole.Web.Tests.Api;

[Collection(ApiCollection.Name)]
public class EventsApiTests(CampaignApiFactory app)
{
    private static readonly DateTimeOffset Day = new(2026, 1, 10, 10, 0, 0, TimeSpan.Zero);
    private readonly HttpClient _api = app.CreateSecretKeyClient();

    /// <summary>Seven events of one new user over five days; two share a timestamp, to test cursor ties.</summary>
    private async Task<(string User, string Token, string NameA, string NameB)> SeedAsync()
    {
        var user = NewId("user");
        var token = NewId("sku");
        var nameA = NewId("a");
        var nameB = NewId("b");
        await app.CreateWriteKeyClient().SendAsync(
            Track(user, nameA, new { sku = "X1" }, timestamp: Day),
            Track(user, nameB, new { sku = token }, timestamp: Day.AddDays(1)),
            Track(user, nameA, new { sku = "Z3" }, timestamp: Day.AddDays(2)),
            Track(user, nameB, new { sku = "Z4" }, timestamp: Day.AddDays(3)),
            Track(user, nameA, new { sku = "Z5" }, timestamp: Day.AddDays(4)),
            Track(user, nameA, new { sku = "Z6" }, timestamp: Day.AddDays(4)),
            Track(user, nameB, new { sku = "Z7" }, timestamp: Day.AddDays(4)));
        return (user, token, nameA, nameB);
    }

    private static DateTimeOffset Time(JsonObject e) => DateTimeOffset.Parse(e["timestamp"]!.GetValue<string>(), CultureInfo.InvariantCulture);

    private static string Iso(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));

    [Fact]
    public async Task Events_of_a_user_come_newest_first()
    {
        var (user, _, _, _) = await SeedAsync();

        var events = await _api.EventsAsync($"userId={user}");

        Assert.Equal(7, events.Count);
        Assert.Equal(events.OrderByDescending(Time).ThenByDescending(e => e["id"]!.GetValue<long>()).Select(e => e["id"]!.GetValue<long>()),
            events.Select(e => e["id"]!.GetValue<long>()));
        Assert.All(events, e => Assert.Equal(user, e["userId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Name_filter_keeps_only_that_event()
    {
        var (user, _, nameA, _) = await SeedAsync();

        var byName = await _api.EventsAsync($"name={nameA}");
        var byNameAndUser = await _api.EventsAsync($"name={nameA}&userId={user}");

        Assert.Equal(4, byName.Count);
        Assert.All(byName, e => Assert.Equal(nameA, e["name"]!.GetValue<string>()));
        Assert.Equal(4, byNameAndUser.Count);
    }

    [Fact]
    public async Task From_is_inclusive_and_to_is_exclusive()
    {
        var (user, _, _, _) = await SeedAsync();

        var events = await _api.EventsAsync($"userId={user}&from={Iso(Day.AddDays(1))}&to={Iso(Day.AddDays(3))}");

        Assert.Equal([Day.AddDays(2), Day.AddDays(1)], events.Select(Time));
    }

    [Fact]
    public async Task Text_query_searches_the_properties()
    {
        var (user, token, nameB, _) = await SeedAsync();

        var events = await _api.EventsAsync($"q={token}");

        var only = Assert.Single(events);
        Assert.Equal(user, only["userId"]!.GetValue<string>());
        Assert.Equal(token, only["properties"]!["sku"]!.GetValue<string>());
        Assert.NotEqual(nameB, only["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_user_has_no_events()
    {
        var page = await _api.GetJsonAsync($"/api/v1/events?userId={NewId("nobody")}");

        Assert.Empty(page["items"]!.AsArray());
        Assert.Null(page["nextCursor"]);
    }

    [Fact]
    public async Task Cursor_paging_visits_every_event_once()
    {
        var (user, _, _, _) = await SeedAsync();
        var all = (await _api.EventsAsync($"userId={user}")).Select(e => e["id"]!.GetValue<long>()).ToList();

        var seen = new List<long>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var page = await _api.GetJsonAsync($"/api/v1/events?userId={user}&limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            var items = page["items"]!.AsArray();
            Assert.InRange(items.Count, 1, 2);
            seen.AddRange(items.Select(i => i!["id"]!.GetValue<long>()));
            cursor = page["nextCursor"]?.GetValue<string>();
            pages++;
        } while (cursor is not null);

        Assert.Equal(4, pages);
        Assert.Equal(all, seen);
    }

    [Fact]
    public async Task Last_full_page_has_no_next_cursor()
    {
        var user = NewId("user");
        await app.CreateWriteKeyClient().SendAsync(Track(user, "one"), Track(user, "two"));

        var page = await _api.GetJsonAsync($"/api/v1/events?userId={user}&limit=2");

        Assert.Equal(2, page["items"]!.AsArray().Count);
        Assert.Null(page["nextCursor"]);
    }

    [Theory]
    [InlineData("cursor=junk", "cursor")]
    [InlineData("cursor=1.2.3", "cursor")]
    [InlineData("cursor=", "cursor")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=-5", "limit")]
    [InlineData("limit=501", "limit")]
    public async Task Bad_cursor_or_limit_is_a_validation_problem(string query, string field)
    {
        using var response = await _api.GetAsync($"/api/v1/events?{query}");

        await response.AssertValidationProblemAsync(field);
    }

    [Theory]
    [InlineData("limit=abc")]
    [InlineData("from=yesterday")]
    public async Task Unreadable_query_value_is_a_400_problem(string query)
    {
        using var response = await _api.GetAsync($"/api/v1/events?{query}");

        await response.AssertProblemAsync(System.Net.HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Single_event_is_found_by_id()
    {
        var (user, _, _, _) = await SeedAsync();
        var first = (await _api.EventsAsync($"userId={user}"))[0];

        var one = await _api.GetJsonAsync($"/api/v1/events/{first["id"]}");

        Assert.Equal(first["messageId"]!.GetValue<string>(), one["messageId"]!.GetValue<string>());
    }
}
