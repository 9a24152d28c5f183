using Bunit;
using CampaignConsole.Core.Events;
using CampaignConsole.Web.Components.EventTypes;
using Microsoft.EntityFrameworkCore;
using static CampaignConsole.Web.Tests.Components.ConsoleTestContext;

namespace CampaignConsole.Web.Tests.Components;

public class EventTypesPageTests
{
    private static IEnumerable<string> Names(IRenderedComponent<EventTypesPage> cut) =>
        cut.FindAll("[data-test=event-types-table] tbody tr td:first-child").Select(td => td.TextContent.Trim());

    [Fact]
    public async Task Registered_and_hand_made_types_are_listed_by_name()
    {
        await using var console = await CreateAsync();
        await console.IngestAsync(Track("u1", "viewed_item"));
        await console.QueryAsync(async db =>
        {
            db.EventTypes.Add(EventType.Create("add_to_cart", "Order", EventKind.Customer, "Added to the basket", Now));
            return await db.SaveChangesAsync();
        });

        var cut = console.Bunit.Render<EventTypesPage>();

        cut.WaitForAssertion(() => Assert.Equal(["add_to_cart", "viewed_item"], Names(cut)));
        var rows = cut.FindAll("[data-test=event-types-table] tbody tr");
        Assert.Contains("Order", rows[0].TextContent);
        Assert.Contains("by hand", rows[0].TextContent);
        Assert.Contains("Other", rows[1].TextContent);
        Assert.Contains("automatically", rows[1].TextContent);
    }

    [Fact]
    public async Task Type_created_through_the_form_is_saved_and_listed()
    {
        await using var console = await CreateAsync();
        var cut = console.Bunit.Render<EventTypesPage>();
        cut.WaitForAssertion(() => Assert.Contains("No event types yet.", cut.Markup));

        Input(cut, "type-name").Change("item_back_in_stock");
        cut.Find("button[data-test=type-save]").Click();

        cut.WaitForAssertion(() => Assert.Equal(["item_back_in_stock"], Names(cut)));
        var saved = await console.QueryAsync(db => db.EventTypes.SingleAsync());
        Assert.Equal("item_back_in_stock", saved.Name);
        Assert.Equal("Other", saved.Category);
        Assert.False(saved.AutoRegistered);
        Assert.Equal("", Input(cut, "type-name").GetAttribute("value") ?? "");
    }

    [Fact]
    public async Task Empty_name_shows_the_error_and_saves_nothing()
    {
        await using var console = await CreateAsync();
        var cut = console.Bunit.Render<EventTypesPage>();

        cut.Find("button[data-test=type-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Name is required", cut.Markup));
        Assert.Equal(0, await console.QueryAsync(db => db.EventTypes.CountAsync()));
    }
}
