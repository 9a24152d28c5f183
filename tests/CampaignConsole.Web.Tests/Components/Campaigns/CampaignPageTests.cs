using Bunit;
using CampaignConsole.Core.Campaigns;
using CampaignConsole.Web.Components.Campaigns;

namespace CampaignConsole.Web.Tests.Components.Campaigns;

public sealed class CampaignPageTests
{
    [Fact]
    public async Task Activate_changes_the_status_and_says_so()
    {
        await using var ctx = await EngineConsoleTestContext.CreateAsync();
        await ctx.SeedCampaignAsync(EngineConsoleTestContext.Campaign("welcome", "Welcome"));
        var cut = ctx.Render<CampaignPage>(p => p.Add(x => x.Id, "welcome"));
        cut.WaitForElement("[data-test=activate]");

        cut.Find("[data-test=activate]").Click();

        cut.WaitForAssertion(() => Assert.Equal("active", cut.Find("[data-test=status]").TextContent.Trim()));
        Assert.NotNull(cut.Find("[data-test=pause]"));
        var stored = await ctx.WithAsync<CampaignService, CampaignRow?>(s => s.FindAsync("welcome", CancellationToken.None));
        Assert.Equal(CampaignStatus.Active, stored!.Status);
        Assert.Contains("Campaign activated", ctx.Snackbars);

        cut.Find("[data-test=pause]").Click();

        cut.WaitForAssertion(() => Assert.Equal("paused", cut.Find("[data-test=status]").TextContent.Trim()));
    }

    [Fact]
    public async Task Shows_the_summary_the_json_and_the_deliveries()
    {
        await using var ctx = await EngineConsoleTestContext.CreateAsync();
        await ctx.SeedCampaignAsync(CampaignTemplate.NewCampaign);
        var contact = await ctx.SeedContactAsync("u1");
        await ctx.SeedDeliveryAsync("basket-nudge", contact, "global daily cap");
        ctx.Clock.Advance(TimeSpan.FromSeconds(1));
        await ctx.SeedDeliveryAsync("basket-nudge", contact, "", sentContent: """{"title":"Still thinking?","body":"Hi Ada"}""");

        var cut = ctx.Render<CampaignPage>(p => p.Add(x => x.Id, "basket-nudge"));

        cut.WaitForAssertion(() => Assert.Contains("global daily cap", cut.Find("[data-test=deliveries-table]").TextContent));
        Assert.Equal("event · add_to_cart where price ≥ 20", cut.Find("[data-test=summary-trigger]").TextContent);
        Assert.Contains("1. send in-app: Still thinking?", cut.Find("[data-test=summary-stages]").TextContent);
        Assert.Contains("at most once per 1 hour per customer", cut.Find("[data-test=summary]").TextContent);
        Assert.Contains("\"add_to_cart\"", cut.Find("[data-test=json]").TextContent);
        Assert.Contains("suppressed: 1", cut.Find("[data-test=deliveries-suppressed]").TextContent);
        Assert.Contains("sent: 1", cut.Find("[data-test=deliveries-sent]").TextContent);
        Assert.Equal(["sent", "suppressed"], cut.FindAll("[data-test=delivery-status]").Select(e => e.TextContent));

        cut.Find("[data-test=deliveries-table] tbody tr").Click();

        Assert.Contains("Hi Ada", cut.Find("[data-test=delivery-content]").TextContent);
    }
}
