using CampaignConsole.Core.Campaigns;

namespace CampaignConsole.Core.Tests.Campaigns;

public class ControlGroupTests
{
    [Fact]
    public void The_same_contact_and_campaign_always_get_the_same_answer()
    {
        var first = Enumerable.Range(1, 500).Select(id => ControlGroup.IsHeldOut(id, "spring-sale", 30)).ToList();
        var second = Enumerable.Range(1, 500).Select(id => ControlGroup.IsHeldOut(id, "spring-sale", 30)).ToList();

        Assert.Equal(first, second);
    }

    [Fact]
    public void About_ten_percent_of_ten_thousand_contacts_are_held_out_at_ten_percent()
    {
        var heldOut = Enumerable.Range(1, 10_000).Count(id => ControlGroup.IsHeldOut(id, "basket-recovery", 10));

        // Binomial(10,000, 0.1): the standard deviation is 30, so ±150 is five of them.
        Assert.InRange(heldOut, 850, 1150);
    }

    [Fact]
    public void Each_campaign_draws_its_own_control_group()
    {
        var a = Enumerable.Range(1, 10_000).Where(id => ControlGroup.IsHeldOut(id, "campaign-a", 10)).ToHashSet();
        var b = Enumerable.Range(1, 10_000).Where(id => ControlGroup.IsHeldOut(id, "campaign-b", 10)).ToHashSet();

        Assert.NotEqual(a, b);
        // Independent draws overlap on about 1% of contacts, not 10%.
        Assert.InRange(a.Intersect(b).Count(), 50, 200);
    }

    [Fact]
    public void A_higher_percentage_holds_out_a_superset()
    {
        var ten = Enumerable.Range(1, 2_000).Where(id => ControlGroup.IsHeldOut(id, "c", 10));
        var twenty = Enumerable.Range(1, 2_000).Where(id => ControlGroup.IsHeldOut(id, "c", 20)).ToHashSet();

        Assert.Subset(twenty, ten.ToHashSet());
    }

    [Fact]
    public void Zero_percent_holds_out_nobody_and_one_hundred_percent_everybody()
    {
        Assert.DoesNotContain(Enumerable.Range(1, 1_000), id => ControlGroup.IsHeldOut(id, "c", 0));
        Assert.All(Enumerable.Range(1, 1_000), id => Assert.True(ControlGroup.IsHeldOut(id, "c", 100)));
    }
}
