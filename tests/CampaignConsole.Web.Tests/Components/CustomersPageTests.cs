using Bunit;
using CampaignConsole.Web.Components.Customers;
using static CampaignConsole.Web.Tests.Components.ConsoleTestContext;

namespace CampaignConsole.Web.Tests.Components;

public class CustomersPageTests
{
    private static async Task<ConsoleTestContext> WithCustomersAsync()
    {
        var console = await CreateAsync();
        await console.IngestAsync(
            Identify("ada", """{"name":"Ada Lovelace","email":"ada@example.com"}""", "Europe/London", Now.AddHours(-3)),
            Identify("grace", """{"name":"Grace Hopper","email":"grace+news@example.com","city":"Zürich"}""", "America/New_York", Now.AddHours(-2)),
            Track(null, "viewed_item", anonymousId: "anon-visitor", at: Now.AddHours(-1)));
        return console;
    }

    private static List<string> Rows(IRenderedComponent<CustomersPage> cut) =>
        cut.FindAll("[data-test=customers-table] tbody tr").Select(tr => tr.TextContent).ToList();

    [Fact]
    public async Task Customers_are_listed_most_recently_seen_first()
    {
        await using var console = await WithCustomersAsync();

        var cut = console.Bunit.Render<CustomersPage>();

        cut.WaitForAssertion(() => Assert.Equal(3, Rows(cut).Count));
        var rows = Rows(cut);
        Assert.Contains("Anonymous visitor", rows[0]);
        Assert.Contains("Grace Hopper", rows[1]);
        Assert.Contains("grace+news@example.com", rows[1]);
        Assert.Contains("America/New_York", rows[1]);
        Assert.Contains("Ada Lovelace", rows[2]);
    }

    [Theory]
    [InlineData("Grace", "Grace Hopper")]
    [InlineData("ada@example.com", "Ada Lovelace")]
    [InlineData("grace+news@example.com", "Grace Hopper")]
    [InlineData("Zürich", "Grace Hopper")]
    [InlineData("ada", "Ada Lovelace")]
    [InlineData("anon-visitor", "Anonymous visitor")]
    public async Task Search_keeps_the_matching_customers(string search, string expected)
    {
        await using var console = await WithCustomersAsync();
        var cut = console.Bunit.Render<CustomersPage>();
        cut.WaitForAssertion(() => Assert.Equal(3, Rows(cut).Count));

        Input(cut, "customer-search").Change(search);
        Input(cut, "customer-search").KeyUp(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });

        cut.WaitForAssertion(() => Assert.Contains(expected, Assert.Single(Rows(cut))));
    }

    [Fact]
    public async Task Search_without_a_match_says_so()
    {
        await using var console = await WithCustomersAsync();
        var cut = console.Bunit.Render<CustomersPage>();
        cut.WaitForAssertion(() => Assert.Equal(3, Rows(cut).Count));

        Input(cut, "customer-search").Change("nobody-like-this");
        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Search").Click();

        cut.WaitForAssertion(() => Assert.Contains("No customers match.", cut.Markup));
    }
}
