using CampaignConsole.Web.Tests.Infrastructure;

namespace CampaignConsole.Web.Tests.Api;

public class DemoSeedTests(DemoCampaignApiFactory app) : IClassFixture<DemoCampaignApiFactory>
{
    [Fact]
    public async Task Demo_install_has_customers_with_their_events()
    {
        var api = app.CreateSecretKeyClient();

        var profile = await api.GetJsonAsync("/api/v1/users/demo-user-1");
        var events = await api.EventsAsync("userId=demo-user-1");

        Assert.Equal("Ada Lovelace", profile["traits"]!["name"]!.GetValue<string>());
        Assert.Equal("Europe/London", profile["timeZone"]!.GetValue<string>());
        Assert.True(events.Count > 1);
        Assert.Equal("View", (await api.GetJsonAsync("/api/v1/event-types/viewed_item"))["category"]!.GetValue<string>());
    }
}
