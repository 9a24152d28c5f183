using static CampaignConsole.Core.Tests.Templates.TestRenderer;

namespace CampaignConsole.Core.Tests.Templates;

/// <summary>Expected outputs from Shopify's Liquid reference for <c>default</c>.</summary>
public class DefaultFilterTests
{
    [Theory]
    [InlineData("{{ product_price | default: 2.99 }}", "2.99")]
    [InlineData("{% assign product_price = 4.99 %}{{ product_price | default: 2.99 }}", "4.99")]
    [InlineData("{% assign product_price = \"\" %}{{ product_price | default: 2.99 }}", "2.99")]
    [InlineData("{{ nil | default: \"x\" }}", "x")]
    [InlineData("{{ false | default: \"x\" }}", "x")]
    [InlineData("{{ 0 | default: \"x\" }}", "0")]
    [InlineData("{{ \" \" | default: \"x\" }}", " ")]
    [InlineData("{{ \"hi\" | default: \"x\" }}", "hi")]
    [InlineData("{{ missing | default }}", "")]
    public void Default_replaces_nil_false_and_empty(string template, string expected)
    {
        Assert.Equal(expected, Render(template));
    }

    [Fact]
    public void Default_with_allow_false_keeps_false()
    {
        Assert.Equal("false", Render("{% assign display_price = false %}{{ display_price | default: true, allow_false: true }}"));
        Assert.Equal("fallback", Render("{{ nil | default: \"fallback\", allow_false: true }}"));
    }

    [Fact]
    public void Default_with_a_space_before_the_colon_works()
    {
        Assert.Equal("defaultPriceName", Render("{{ pricingDetail.name | default : \"defaultPriceName\"}}"));
    }

    [Fact]
    public void Default_replaces_empty_arrays_and_objects()
    {
        var model = Profile("""{"tags":[],"address":{}}""");

        Assert.Equal("none nowhere", Render("{{ Profile.tags | default: \"none\" }} {{ Profile.address | default: \"nowhere\" }}", model));
    }

    [Fact]
    public void Default_can_be_chained_with_other_filters()
    {
        Assert.Equal("USER", Render("{{ Profile.name | default: \"user\" | upcase }}"));
    }
}
