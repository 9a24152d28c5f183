using Bunit;
using CampaignConsole.Web.Components.Events;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using static CampaignConsole.Web.Tests.Components.ConsoleTestContext;

namespace CampaignConsole.Web.Tests.Components;

public class EventHistoryPageTests
{
    [Fact]
    public async Task Stored_events_are_listed_newest_first()
    {
        await using var console = await CreateAsync();
        await console.IngestAsync(
            Track("u1", "viewed_item", at: Now.AddHours(-3)),
            Track("u1", "add_to_cart", at: Now.AddHours(-2)),
            Track(null, "purchase", anonymousId: "anon-9", at: Now.AddHours(-1)));

        var cut = console.Bunit.Render<EventHistoryPage>();

        cut.WaitForAssertion(() => Assert.Equal(["purchase", "add_to_cart", "viewed_item"],
            cut.FindAll("td[data-test=event-name]").Select(td => td.TextContent.Trim())));
        Assert.Contains("anon-9", cut.Find("tbody").TextContent);
    }

    [Fact]
    public async Task Clicking_a_row_shows_its_details_with_the_parameters()
    {
        await using var console = await CreateAsync();
        var message = Track("u1", "add_to_cart", """{"sku":"A1","price":30}""");
        await console.IngestAsync(message);
        var cut = console.Bunit.Render<EventHistoryPage>();
        cut.WaitForState(() => cut.FindAll("td[data-test=event-name]").Count == 1);
        Assert.Empty(cut.FindAll("[data-test=event-details]"));

        cut.Find("tbody tr").Click();

        var details = cut.WaitForElement("[data-test=event-details]");
        Assert.Contains("add_to_cart", details.TextContent);
        var parameters = details.QuerySelectorAll("[data-test=json]")[0].TextContent;
        Assert.Contains("\"sku\": \"A1\"", parameters);
        Assert.Contains("\"price\": 30", parameters);
        Assert.Contains("\"library\": \"tests\"", details.QuerySelectorAll("[data-test=json]")[1].TextContent);
        Assert.Contains(message.MessageId, details.TextContent);
    }

    [Fact]
    public async Task Filtering_by_user_keeps_only_their_events()
    {
        await using var console = await CreateAsync();
        await console.IngestAsync(Track("u1", "mine"), Track("u2", "theirs"), Track("u1", "mine_too"));
        var cut = console.Bunit.Render<EventHistoryPage>();
        cut.WaitForState(() => cut.FindAll("td[data-test=event-name]").Count == 3);

        Input(cut, "filter-user").Change("u1");
        cut.Find("button[data-test=search]").Click();

        cut.WaitForAssertion(() => Assert.Equal(["mine", "mine_too"],
            cut.FindAll("td[data-test=event-name]").Select(td => td.TextContent.Trim()).Order(StringComparer.Ordinal)));
    }

    [Fact]
    public async Task Page_opened_for_a_user_shows_only_their_events()
    {
        await using var console = await CreateAsync();
        await console.IngestAsync(Track("u1", "mine"), Track("u2", "theirs"));
        console.Bunit.Services.GetRequiredService<NavigationManager>().NavigateTo("/events?user=u2");

        var cut = console.Bunit.Render<EventHistoryPage>();

        cut.WaitForAssertion(() => Assert.Equal(["theirs"], cut.FindAll("td[data-test=event-name]").Select(td => td.TextContent.Trim())));
    }

    [Fact]
    public async Task No_events_says_so()
    {
        await using var console = await CreateAsync();

        var cut = console.Bunit.Render<EventHistoryPage>();

        cut.WaitForAssertion(() => Assert.Contains("No events match these filters.", cut.Markup));
    }
}
