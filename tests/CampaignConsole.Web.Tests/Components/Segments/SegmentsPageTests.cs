using Bunit;
using CampaignConsole.Core.Segments;
using CampaignConsole.Web.Components.Segments;

namespace CampaignConsole.Web.Tests.Components.Segments;

public sealed class SegmentsPageTests
{
    [Fact]
    public async Task Saves_a_segment_and_lists_it()
    {
        await using var ctx = await EngineConsoleTestContext.CreateAsync();
        var cut = ctx.Render<SegmentsPage>();

        cut.Find("[data-test=segment-save]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Gold members", cut.Find("[data-test=segment-name]").TextContent));
        var saved = await ctx.WithAsync<SegmentService, SegmentRow?>(s => s.FindAsync("gold-members", CancellationToken.None));
        Assert.NotNull(saved);
    }

    [Fact]
    public async Task Bad_rules_show_their_path_and_nothing_is_saved()
    {
        await using var ctx = await EngineConsoleTestContext.CreateAsync();
        var cut = ctx.Render<SegmentsPage>();

        cut.Find("textarea").Input("""{ "id": "x", "name": "X", "rules": { "attribute": "plan", "op": "almost", "value": 1 } }""");
        cut.Find("[data-test=segment-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("[data-test=error]"), e => e.TextContent.StartsWith("rules.op", StringComparison.Ordinal)));
        Assert.Empty(await ctx.WithAsync<SegmentService, List<SegmentRow>>(s => s.ListAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task Count_shows_how_many_customers_match()
    {
        await using var ctx = await EngineConsoleTestContext.CreateAsync();
        await ctx.SeedContactAsync("u1");
        await ctx.SeedContactAsync("u2");
        var cut = ctx.Render<SegmentsPage>();

        cut.Find("textarea").Input("""{ "id": "all", "name": "Everyone", "rules": { "not": { "attribute": "plan", "op": "eq", "value": "gold" } } }""");
        cut.Find("[data-test=segment-count]").Click();

        cut.WaitForAssertion(() => Assert.Equal("2 customers match now", cut.Find("[data-test=segment-matches]").TextContent));
    }
}
