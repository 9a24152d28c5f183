using static CampaignConsole.Core.Tests.Templates.TestRenderer;

namespace CampaignConsole.Core.Tests.Templates;

/// <summary>The templates from CleverTap's External Trigger documentation, verbatim.</summary>
public class CleverTapTemplateTests
{
    private const string Greeting = "Hey {{ Profile.name | default: \"User\" }}";

    private const string ProductList =
        "{% for product in ExternalTrigger.productDetails %}Name: {{ product.productName | default: \"defaultProductName\"}}" +
        "{% for pricingDetail in product.pricingDetails %}{{ pricingDetail.name | default : \"defaultPriceName\"}} : " +
        "{{ pricingDetail.value | default : \"defaultPriceValue\"}}{% endfor %}{% endfor %}";

    [Fact]
    public void Name_is_used_when_present()
    {
        Assert.Equal("Hey Ada", Render(Greeting, Profile("""{"name":"Ada"}""")));
    }

    [Fact]
    public void Missing_name_falls_back_to_default()
    {
        Assert.Equal("Hey User", Render(Greeting, Profile("{}")));
        Assert.Equal("Hey User", Render(Greeting));
    }

    [Fact]
    public void Product_list_renders_every_product_and_price()
    {
        var payload = Trigger("""
            {"productDetails":[
              {"productName":"Shoes","pricingDetails":[{"name":"MRP","value":100},{"name":"Sale","value":79.5}]},
              {"productName":"Hat","pricingDetails":[{"name":"MRP","value":20}]}
            ]}
            """);

        Assert.Equal("Name: ShoesMRP : 100Sale : 79.5Name: HatMRP : 20", Render(ProductList, payload));
    }

    [Fact]
    public void Product_list_fills_missing_fields_with_defaults()
    {
        var payload = Trigger("""
            {"productDetails":[
              {"pricingDetails":[{}]},
              {"productName":"Hat","pricingDetails":[{"name":"MRP"},{"value":5}]}
            ]}
            """);

        Assert.Equal(
            "Name: defaultProductNamedefaultPriceName : defaultPriceValue" +
            "Name: HatMRP : defaultPriceValuedefaultPriceName : 5",
            Render(ProductList, payload));
    }

    [Fact]
    public void Product_list_without_products_renders_nothing()
    {
        Assert.Equal(string.Empty, Render(ProductList, Trigger("{}")));
    }

    [Fact]
    public void Event_context_sku_renders()
    {
        Assert.Equal("A1", Render("{{ client.eventContext.sku }}", Event("""{"sku":"A1"}""")));
    }
}
