using CampaignConsole.Core.Delivery;

namespace CampaignConsole.Core.Tests.Delivery.Channels;

public class HtmlTextTests
{
    [Fact]
    public void Source_line_breaks_are_spaces_and_block_tags_end_lines()
    {
        const string html = """
            <div>Hello
                  <b>Ada</b></div>
            <ul><li>One</li><li>Two &lt;3</li></ul>
            """;

        Assert.Equal("Hello Ada\nOne\nTwo <3", HtmlText.ToPlainText(html));
    }

    [Fact]
    public void Scripts_and_styles_are_dropped_and_links_keep_their_target()
    {
        const string html = """<style>a{}</style><script>alert(1)</script><p><a href="https://x.example/a">Open</a> or https://x.example/b <a href="https://x.example/c">https://x.example/c</a></p>""";

        Assert.Equal("Open (https://x.example/a) or https://x.example/b https://x.example/c", HtmlText.ToPlainText(html));
    }

    [Fact]
    public void Plain_text_passes_through()
    {
        Assert.Equal("Hi there, 50% off!", HtmlText.ToPlainText("Hi there, 50% off!"));
    }
}
