using Bunit;
using CampaignConsole.Web.Components.Live;
using CampaignConsole.Web.Hubs;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignConsole.Web.Tests.Components.Live;

public sealed class LivePageTests
{
    [Fact]
    public async Task Shows_the_trackers_counts_as_they_change()
    {
        await using var ctx = await EngineConsoleTestContext.CreateAsync();
        var tracker = ctx.Services.GetRequiredService<ConnectionTracker>();
        tracker.Connected("c1", "u1");
        var cut = ctx.Render<LivePage>();
        Assert.Equal("1", cut.Find("[data-test=connections]").TextContent);

        tracker.Connected("c2", "u1");
        tracker.Connected("c3", "u2");

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("3", cut.Find("[data-test=connections]").TextContent);
            Assert.Equal("2", cut.Find("[data-test=visitors]").TextContent);
        });
    }

    [Fact]
    public async Task Recent_deliveries_refresh_on_the_timer()
    {
        await using var ctx = await EngineConsoleTestContext.CreateAsync();
        await ctx.SeedCampaignAsync(EngineConsoleTestContext.Campaign("welcome", "Welcome"));
        var contact = await ctx.SeedContactAsync("u1");
        await ctx.SeedDeliveryAsync("welcome", contact, "first");
        var cut = ctx.Render<LivePage>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-test=recent-status]")));
        Assert.Contains("Welcome", cut.Find("[data-test=recent-deliveries]").TextContent);

        await ctx.SeedDeliveryAsync("welcome", contact, "second");
        ctx.Clock.Advance(TimeSpan.FromSeconds(5));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-test=recent-status]").Count));
        Assert.Contains("suppressed · second", cut.Find("[data-test=recent-deliveries]").TextContent);
    }
}
