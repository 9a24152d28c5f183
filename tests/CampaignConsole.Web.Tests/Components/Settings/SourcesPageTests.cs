using Bunit;
using CampaignConsole.Core.Persistence;
using CampaignConsole.Core.Sources;
using CampaignConsole.Web.Components.Settings;
using Microsoft.EntityFrameworkCore;

namespace CampaignConsole.Web.Tests.Components.Settings;

public sealed class SourcesPageTests
{
    private static async Task SeedSourceAsync(EngineConsoleTestContext ctx) =>
        await ctx.WithAsync<CampaignDbContext>(async db =>
        {
            db.Sources.Add(Source.Create("Website", "wk_settings_test", "sk_settings_test_secret", DateTime.UtcNow));
            await db.SaveChangesAsync();
        });

    [Fact]
    public async Task Shows_the_write_key_and_the_secret_key_only_on_request()
    {
        await using var ctx = await EngineConsoleTestContext.CreateAsync();
        await SeedSourceAsync(ctx);

        var cut = ctx.Render<SourcesPage>();

        cut.WaitForAssertion(() => Assert.Equal("wk_settings_test", cut.Find("[data-test=write-key]").TextContent));
        Assert.DoesNotContain("sk_settings_test_secret", cut.Find("[data-test=secret-key]").TextContent);
        cut.Find("[data-test=toggle-secret]").Click();
        Assert.Equal("sk_settings_test_secret", cut.Find("[data-test=secret-key]").TextContent);
    }

    [Fact]
    public async Task A_bad_origin_is_refused_by_name_and_a_good_one_is_saved()
    {
        await using var ctx = await EngineConsoleTestContext.CreateAsync();
        await SeedSourceAsync(ctx);
        var cut = ctx.Render<SourcesPage>();
        cut.WaitForAssertion(() => Origins(cut));

        Origins(cut).Change("https://shop.example/checkout");
        cut.Find("[data-test=save-source]").Click();

        cut.WaitForAssertion(() => Assert.Contains("https://shop.example/checkout", cut.Markup));
        Assert.Equal("", await OriginsAsync(ctx));

        Origins(cut).Change("https://shop.example https://www.shop.example/");
        cut.Find("[data-test=save-source]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Saved", ctx.Snackbars));
        Assert.Equal("https://shop.example https://www.shop.example", await OriginsAsync(ctx));
    }

    /// <summary>The text area of the origins field (MudBlazor puts the marker on the element or its wrapper).</summary>
    private static AngleSharp.Dom.IElement Origins(IRenderedComponent<SourcesPage> cut)
    {
        var marked = cut.Find("[data-test=origins]");
        return marked.TagName == "TEXTAREA" ? marked : marked.QuerySelector("textarea") ?? throw new InvalidOperationException("no text area");
    }

    private static Task<string> OriginsAsync(EngineConsoleTestContext ctx) =>
        ctx.WithAsync<CampaignDbContext, string>(db => db.Sources.Select(s => s.AllowedOrigins).SingleAsync());
}
