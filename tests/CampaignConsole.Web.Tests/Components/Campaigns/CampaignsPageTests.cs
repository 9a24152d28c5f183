using Bunit;
using CampaignConsole.Web.Components.Campaigns;

namespace CampaignConsole.Web.Tests.Components.Campaigns;

public sealed class CampaignsPageTests
{
    [Fact]
    public async Task List_shows_seeded_campaigns_with_status_trigger_and_sends()
    {
        await using var ctx = await EngineConsoleTestContext.CreateAsync();
        await ctx.SeedCampaignAsync(EngineConsoleTestContext.Campaign("welcome", "Welcome"));
        ctx.Clock.Advance(TimeSpan.FromMinutes(1));
        await ctx.SeedCampaignAsync(EngineConsoleTestContext.Campaign("winback", "Win back"));
        var contact = await ctx.SeedContactAsync("u1");
        await ctx.SeedDeliveryAsync("winback", contact, "", sentContent: "{}");
        await ctx.SeedDeliveryAsync("winback", contact, "", sentContent: "{}");
        await ctx.SeedDeliveryAsync("welcome", contact, "global daily cap");

        var cut = ctx.Render<CampaignsPage>();

        cut.WaitForAssertion(() => Assert.Equal(["Win back", "Welcome"], cut.FindAll("[data-test=campaign-name]").Select(e => e.TextContent)));
        Assert.All(cut.FindAll("[data-test=status]"), s => Assert.Equal("draft", s.TextContent.Trim()));
        Assert.Contains("event · add_to_cart", cut.Markup);
        Assert.Equal(["2", "0"], cut.FindAll("[data-test=sends]").Select(s => s.TextContent.Trim()));
    }

    [Fact]
    public async Task Row_click_opens_the_campaign()
    {
        await using var ctx = await EngineConsoleTestContext.CreateAsync();
        await ctx.SeedCampaignAsync(EngineConsoleTestContext.Campaign("welcome", "Welcome"));
        var cut = ctx.Render<CampaignsPage>();
        cut.WaitForElement("[data-test=campaign-name]");

        cut.Find("[data-test=campaigns-table] tbody tr").Click();

        Assert.EndsWith("/campaigns/welcome", ctx.Uri);
    }
}
