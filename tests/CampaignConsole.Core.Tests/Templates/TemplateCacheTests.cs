using CampaignConsole.Core.Templates;
using static CampaignConsole.Core.Tests.Templates.TestRenderer;

namespace CampaignConsole.Core.Tests.Templates;

public class TemplateCacheTests
{
    [Fact]
    public void Same_template_is_parsed_once()
    {
        using var renderer = Create();
        const string template = "Hey {{ Profile.name | default: \"User\" }}";

        renderer.Validate(template);
        var first = renderer.Render(template, Profile("""{"name":"Ada"}"""));
        var second = renderer.Render(template, Profile("{}"));

        Assert.Equal(1, renderer.ParseCount);
        Assert.Equal("Hey Ada", first.Output);
        Assert.Equal("Hey User", second.Output);
    }

    [Fact]
    public void Different_templates_are_parsed_separately()
    {
        using var renderer = Create();

        renderer.Render("a {{ Profile.name }}", TemplateModel.Empty);
        renderer.Render("b {{ Profile.name }}", TemplateModel.Empty);

        Assert.Equal(2, renderer.ParseCount);
    }

    [Fact]
    public void Invalid_templates_are_cached_too()
    {
        using var renderer = Create();

        renderer.Validate("{% for x in y %}");
        renderer.Validate("{% for x in y %}");

        Assert.Equal(1, renderer.ParseCount);
    }

    [Fact]
    public void Cache_is_bounded_and_still_renders_past_its_size()
    {
        using var renderer = Create(new TemplateOptions { CacheSize = 3 });

        for (var i = 0; i < 50; i++)
        {
            var result = renderer.Render($"{i} {{{{ Profile.name }}}}", Profile("""{"name":"Ada"}"""));
            Assert.Equal($"{i} Ada", result.Output);
        }

        Assert.InRange(renderer.CachedCount, 0, 3);
    }

    [Fact]
    public async Task Concurrent_renders_of_one_template_do_not_share_state()
    {
        using var renderer = Create();
        const string template = "{% assign n = Profile.n | times: 2 %}{{ n }}";

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            Task.Run(() => renderer.Render(template, Profile($$"""{"n":{{i}}}""")))));

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal((i * 2).ToString(System.Globalization.CultureInfo.InvariantCulture), results[i].Output);
        }
    }
}
