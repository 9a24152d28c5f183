using Bunit;
using CampaignConsole.Core.Campaigns;
using CampaignConsole.Web.Components.Campaigns;

namespace CampaignConsole.Web.Tests.Components.Campaigns;

public sealed class CampaignEditorTests
{
    [Fact]
    public async Task A_bad_template_shows_its_line_and_column_and_nothing_is_saved()
    {
        await using var ctx = await EngineConsoleTestContext.CreateAsync();
        var cut = ctx.Render<CampaignEditor>();

        cut.Find("textarea").Input(EngineConsoleTestContext.Campaign("broken", "Broken", body: "Hi\n{{ Profile.name "));
        cut.Find("[data-test=save]").Click();

        cut.WaitForAssertion(() =>
        {
            var errors = cut.FindAll("[data-test=error]").Select(e => e.TextContent).ToList();
            Assert.Contains(errors, e => e.StartsWith("stages[0].send.body: line 2, column", StringComparison.Ordinal));
        });
        Assert.Empty(await ctx.WithAsync<CampaignService, List<CampaignRow>>(s => s.ListAsync(CancellationToken.None)));
        Assert.DoesNotContain("/campaigns/broken", ctx.Uri);
    }

    [Fact]
    public async Task Malformed_json_is_refused_with_its_position()
    {
        await using var ctx = await EngineConsoleTestContext.CreateAsync();
        var cut = ctx.Render<CampaignEditor>();

        cut.Find("textarea").Input("{\n  \"id\": \"x\",\n  \"name\" \"oops\"\n}");
        cut.Find("[data-test=save]").Click();

        cut.WaitForAssertion(() => Assert.StartsWith("json: line 3, column", cut.Find("[data-test=error]").TextContent));
    }

    [Fact]
    public async Task The_new_campaign_template_saves_and_opens_the_campaign()
    {
        await using var ctx = await EngineConsoleTestContext.CreateAsync();
        var cut = ctx.Render<CampaignEditor>();
        Assert.Contains("basket-nudge", cut.Find("textarea").GetAttribute("value") ?? cut.Find("textarea").TextContent);

        cut.Find("[data-test=save]").Click();

        cut.WaitForAssertion(() => Assert.EndsWith("/campaigns/basket-nudge", ctx.Uri));
        var saved = await ctx.WithAsync<CampaignService, CampaignRow?>(s => s.FindAsync("basket-nudge", CancellationToken.None));
        Assert.Equal(CampaignStatus.Draft, saved!.Status);
    }

    [Fact]
    public async Task Editing_loads_the_definition_and_saves_changes()
    {
        await using var ctx = await EngineConsoleTestContext.CreateAsync();
        await ctx.SeedCampaignAsync(EngineConsoleTestContext.Campaign("welcome", "Welcome"));
        var cut = ctx.Render<CampaignEditor>(p => p.Add(x => x.Id, "welcome"));
        cut.WaitForAssertion(() => Assert.Contains("\"welcome\"", cut.Find("textarea").GetAttribute("value") ?? cut.Find("textarea").TextContent));

        cut.Find("textarea").Input(EngineConsoleTestContext.Campaign("welcome", "Welcome, renamed"));
        cut.Find("[data-test=save]").Click();

        cut.WaitForAssertion(() => Assert.EndsWith("/campaigns/welcome", ctx.Uri));
        var saved = await ctx.WithAsync<CampaignService, CampaignRow?>(s => s.FindAsync("welcome", CancellationToken.None));
        Assert.Equal("Welcome, renamed", saved!.Name);
    }
}
