using System.Net;
using System.Net.Http.Json;
using System.Text;
using CampaignConsole.Web.Tests.Infrastructure;
using static CampaignConsole.Web.Tests.Infrastructure.Segment;

namespace CampaignConsole.Web.Tests.Api;

[Collection(ApiCollection.Name)]
public class EventTypesApiTests(CampaignApiFactory app)
{
    private readonly HttpClient _api = app.CreateSecretKeyClient();

    [Fact]
    public async Task Unseen_track_name_registers_an_event_type_in_other()
    {
        var name = NewId("unseen");

        await app.CreateWriteKeyClient().SendAsync(Track(NewId("user"), name));

        var type = await _api.GetJsonAsync($"/api/v1/event-types/{name}");
        Assert.Equal("Other", type["category"]!.GetValue<string>());
        Assert.Equal("customer", type["kind"]!.GetValue<string>());
        Assert.True(type["autoRegistered"]!.GetValue<bool>());
        var list = await _api.GetJsonAsync($"/api/v1/event-types?search={name}");
        Assert.Equal([name], list["items"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()));
        Assert.Equal(1, list["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Page_and_identify_do_not_register_event_types()
    {
        var name = NewId("page");

        await app.CreateWriteKeyClient().SendAsync(Page(NewId("user"), name));

        using var response = await _api.GetAsync($"/api/v1/event-types/{name}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Post_creates_then_updates_an_event_type()
    {
        var name = NewId("restock");

        using var created = await _api.PostAsJsonAsync("/api/v1/event-types", new { name, category = "Stock", kind = "system", description = "back in stock" });
        using var updated = await _api.PostAsJsonAsync("/api/v1/event-types", new { name, category = "Inventory", kind = "system" });

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var type = await _api.GetJsonAsync($"/api/v1/event-types/{name}");
        Assert.Equal("Inventory", type["category"]!.GetValue<string>());
        Assert.Equal("system", type["kind"]!.GetValue<string>());
        Assert.False(type["autoRegistered"]!.GetValue<bool>());
        Assert.Equal(1, (await _api.GetJsonAsync($"/api/v1/event-types?search={name}"))["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Hand_edit_of_an_auto_registered_type_keeps_it_by_hand()
    {
        var name = NewId("auto");
        await app.CreateWriteKeyClient().SendAsync(Track(NewId("user"), name));

        using var response = await _api.PostAsJsonAsync("/api/v1/event-types", new { name, category = "Order" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var type = await _api.GetJsonAsync($"/api/v1/event-types/{name}");
        Assert.Equal("Order", type["category"]!.GetValue<string>());
        Assert.False(type["autoRegistered"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Missing_category_means_other()
    {
        var name = NewId("plain");

        using var response = await _api.PostAsJsonAsync("/api/v1/event-types", new { name });

        Assert.Equal("Other", (await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["category"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"name":""}""")]
    [InlineData("""{"name":"   "}""")]
    [InlineData("""{"category":"Order"}""")]
    public async Task Event_type_without_a_name_is_a_validation_problem_naming_name(string json)
    {
        using var response = await _api.PostAsync("/api/v1/event-types", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.AssertValidationProblemAsync("name");
    }

    [Fact]
    public async Task Event_type_name_over_200_characters_is_a_validation_problem()
    {
        using var response = await _api.PostAsJsonAsync("/api/v1/event-types", new { name = new string('n', 201) });

        await response.AssertValidationProblemAsync("name");
    }

    [Theory]
    [InlineData("""{"name":"x","kind":"robot"}""")]
    [InlineData("""{"name":"x""")]
    public async Task Unreadable_event_type_is_a_400_problem_not_a_500(string json)
    {
        using var response = await _api.PostAsync("/api/v1/event-types", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}
