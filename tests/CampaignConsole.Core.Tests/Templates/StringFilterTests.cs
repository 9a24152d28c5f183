using static CampaignConsole.Core.Tests.Templates.TestRenderer;

namespace CampaignConsole.Core.Tests.Templates;

/// <summary>Expected outputs from Shopify's Liquid reference.</summary>
public class StringFilterTests
{
    [Theory]
    [InlineData("{{ \"Parker Moore\" | upcase }}", "PARKER MOORE")]
    [InlineData("{{ \"APPLE\" | upcase }}", "APPLE")]
    [InlineData("{{ \"Parker Moore\" | downcase }}", "parker moore")]
    [InlineData("{{ \"apple\" | downcase }}", "apple")]
    [InlineData("{{ \"title\" | capitalize }}", "Title")]
    [InlineData("{{ \"my GREAT title\" | capitalize }}", "My great title")]
    [InlineData("{{ \"\" | capitalize }}", "")]
    public void Case_filters_match_Shopify(string template, string expected)
    {
        Assert.Equal(expected, Render(template));
    }

    [Theory]
    [InlineData("{{ \"Have you read 'James & the Giant Peach'?\" | escape }}", "Have you read &#39;James &amp; the Giant Peach&#39;?")]
    [InlineData("{{ \"Tetsuro Takara\" | escape }}", "Tetsuro Takara")]
    [InlineData("{{ \"<p class=\\\"x\\\">\" | escape }}", "&lt;p class=&quot;x&quot;&gt;")]
    [InlineData("{{ \"1 < 2 & 3\" | escape_once }}", "1 &lt; 2 &amp; 3")]
    [InlineData("{{ \"1 &lt; 2 &amp; 3\" | escape_once }}", "1 &lt; 2 &amp; 3")]
    public void Html_escaping_filters_match_Shopify(string template, string expected)
    {
        Assert.Equal(expected, Render(template));
    }

    [Theory]
    [InlineData("{{ \"john@liquid.com\" | url_encode }}", "john%40liquid.com")]
    [InlineData("{{ \"Tetsuro Takara\" | url_encode }}", "Tetsuro+Takara")]
    [InlineData("{{ \"a-b_c.d~e*f(g)!/?&=\" | url_encode }}", "a-b_c.d~e%2Af%28g%29%21%2F%3F%26%3D")]
    [InlineData("{{ \"café\" | url_encode }}", "caf%C3%A9")]
    [InlineData("{{ \"%27Stop%21%27+said+Fred\" | url_decode }}", "'Stop!' said Fred")]
    public void Url_filters_match_Shopify(string template, string expected)
    {
        Assert.Equal(expected, Render(template));
    }

    [Fact]
    public void Filters_apply_to_model_values()
    {
        var model = Profile("""{"name":"ada lovelace","email":"ada+test@example.com"}""");

        Assert.Equal(
            "Ada lovelace ADA LOVELACE ada%2Btest%40example.com",
            Render("{{ Profile.name | capitalize }} {{ Profile.name | upcase }} {{ Profile.email | url_encode }}", model));
    }
}
