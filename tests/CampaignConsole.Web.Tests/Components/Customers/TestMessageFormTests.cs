using Bunit;
using CampaignConsole.Core.Delivery;
using CampaignConsole.Web.Components.Customers;
using MudBlazor;

namespace CampaignConsole.Web.Tests.Components.Customers;

public sealed class TestMessageFormTests
{
    [Fact]
    public async Task Send_queues_a_delivery_row()
    {
        await using var ctx = await EngineConsoleTestContext.CreateAsync();
        var contact = await ctx.SeedContactAsync("u1");
        ctx.Render<MudPopoverProvider>();
        var cut = ctx.Render<TestMessageForm>(p => p.Add(x => x.ContactId, contact));

        cut.Find("input[data-test=test-title]").Change("Hello");
        cut.Find("textarea").Change("Hi {{ Profile.name | default: 'there' }}");
        cut.Find("[data-test=test-send]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Test message queued (in-app)", ctx.Snackbars));
        var delivery = Assert.Single(await ctx.DeliveriesAsync());
        Assert.Equal((contact, Channels.InApp, DeliveryStatus.Queued), (delivery.ContactId, delivery.Channel, delivery.Status));
    }

    [Fact]
    public async Task Errors_are_shown_by_field_and_nothing_is_queued()
    {
        await using var ctx = await EngineConsoleTestContext.CreateAsync();
        var contact = await ctx.SeedContactAsync("u1");
        ctx.Render<MudPopoverProvider>();
        var cut = ctx.Render<TestMessageForm>(p => p.Add(x => x.ContactId, contact));

        cut.Find("input[data-test=test-title]").Change("{{ oops ");
        cut.Find("[data-test=test-send]").Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("Body is required", cut.Markup);
            Assert.Contains("Title line 1, column", cut.Markup);
        });
        Assert.Empty(await ctx.DeliveriesAsync());
    }

    [Fact]
    public async Task The_customer_page_has_the_test_message_panel()
    {
        await using var ctx = await EngineConsoleTestContext.CreateAsync();
        var contact = await ctx.SeedContactAsync("u1");
        ctx.Render<MudPopoverProvider>();

        var cut = ctx.Render<CustomerPage>(p => p.Add(x => x.ContactId, contact));

        cut.WaitForAssertion(() => Assert.Contains("Send test message", cut.Find("[data-test=test-message]").TextContent));
    }
}
