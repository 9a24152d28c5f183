using Bunit;
using CampaignConsole.Web.Components.Customers;
using static CampaignConsole.Web.Tests.Components.ConsoleTestContext;

namespace CampaignConsole.Web.Tests.Components;

public class CustomerPageTests
{
    [Fact]
    public async Task Profile_shows_traits_time_zone_and_anonymous_ids()
    {
        await using var console = await CreateAsync();
        var stored = await console.IngestAsync(
            Track(null, "viewed_item", anonymousId: "anon-1", at: Now.AddHours(-2)),
            Identify("ada", """{"name":"Ada Lovelace","plan":"gold","address":{"city":"London"}}""", "Europe/London", Now.AddHours(-1)) with { AnonymousId = "anon-1" });

        var cut = console.Bunit.Render<CustomerPage>(p => p.Add(c => c.ContactId, stored[1].ContactId!.Value));

        cut.WaitForAssertion(() => Assert.Equal("Ada Lovelace", cut.Find("[data-test=customer-name]").TextContent.Trim()));
        var traits = cut.Find("[data-test=traits]").TextContent;
        Assert.Contains("gold", traits);
        Assert.Contains("""{"city":"London"}""", traits);
        Assert.Contains("Europe/London", traits);
        Assert.Contains("User id ada", cut.Markup);
        Assert.Contains("anon-1", cut.Markup);
    }

    [Fact]
    public async Task Timeline_shows_the_customers_events_newest_first_with_their_parameters()
    {
        await using var console = await CreateAsync();
        var stored = await console.IngestAsync(
            Track("ada", "viewed_item", """{"sku":"A1"}""", at: Now.AddHours(-2)),
            Track("ada", "purchase", """{"total":99}""", at: Now.AddHours(-1)),
            Track("grace", "login"));

        var cut = console.Bunit.Render<CustomerPage>(p => p.Add(c => c.ContactId, stored[0].ContactId!.Value));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".mud-timeline-item").Count));
        var items = cut.FindAll(".mud-timeline-item");
        Assert.Contains("purchase", items[0].TextContent);
        Assert.Contains("viewed_item", items[1].TextContent);
        Assert.DoesNotContain("login", cut.Find("[data-test=timeline]").TextContent);

        items[0].QuerySelectorAll("button").Single(b => b.TextContent.Contains("Show parameters")).Click();

        cut.WaitForAssertion(() => Assert.Contains("\"total\": 99", cut.Find("[data-test=timeline] [data-test=json]").TextContent));
    }

    [Fact]
    public async Task Missing_customer_says_it_may_have_been_merged()
    {
        await using var console = await CreateAsync();

        var cut = console.Bunit.Render<CustomerPage>(p => p.Add(c => c.ContactId, 4242));

        cut.WaitForAssertion(() => Assert.Contains("This customer does not exist", cut.Markup));
    }
}
