using CampaignConsole.Core.Templates;
using static CampaignConsole.Core.Tests.Templates.TestRenderer;

namespace CampaignConsole.Core.Tests.Templates;

public class TemplateValidationTests
{
    private static TemplateParseResult Validate(string template)
    {
        using var renderer = Create();
        return renderer.Validate(template);
    }

    [Theory]
    [InlineData("Hey {{ Profile.name | default: \"User\" }}")]
    [InlineData("{% for p in ExternalTrigger.productDetails %}{{ p.productName }}{% endfor %}")]
    [InlineData("{% if Profile.vip %}VIP{% elsif Profile.gold %}Gold{% else %}-{% endif %}")]
    [InlineData("{% assign n = Profile.name | upcase %}{% capture x %}{{ n }}{% endcapture %}{{ x }}")]
    [InlineData("{% case Profile.plan %}{% when 'gold' %}G{% else %}O{% endcase %}")]
    [InlineData("{% comment %}{% nonsense %}{% endcomment %}{% raw %}{{ not parsed }}{% endraw %}")]
    [InlineData("{% for i in (1..5) %}{% if i == 2 %}{% continue %}{% endif %}{% if i == 4 %}{% break %}{% endif %}{{ i }}{% endfor %}")]
    [InlineData("{% increment n %}{% decrement m %}{% for i in (1..2) %}{% cycle 'a', 'b' %}{% endfor %}")]
    [InlineData("{%- assign x = 1 -%}{{- x -}}{{ Profile.name }}{{- Profile -}}")]
    [InlineData("plain text, no markup")]
    [InlineData("")]
    public void Valid_templates_have_no_errors(string template)
    {
        var result = Validate(template);

        Assert.True(result.IsValid, result.ToString());
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void For_without_endfor_is_an_error_at_the_for_tag()
    {
        var error = Assert.Single(Validate("{% for x in y %}").Errors);

        Assert.Equal((1, 4), (error.Line, error.Column));
        Assert.Contains("endfor", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pipe_without_a_filter_is_an_error_with_its_position()
    {
        var error = Assert.Single(Validate("{{ Profile.name | }}").Errors);

        Assert.Equal((1, 19), (error.Line, error.Column));
    }

    [Fact]
    public void Errors_on_later_lines_report_that_line_and_column_readably()
    {
        var result = Validate("Hello\n    {{ Profile.name | }}");

        var error = Assert.Single(result.Errors);
        Assert.Equal((2, 23), (error.Line, error.Column));
        Assert.StartsWith("line 2, column 23: ", error.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("line 2, column 23: ", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Unclosed_output_tag_points_at_the_end_of_the_template()
    {
        var error = Assert.Single(Validate("Hi\n{{ Profile.name").Errors);

        Assert.Equal((2, 16), (error.Line, error.Column));
    }

    [Fact]
    public void If_without_endif_is_an_error()
    {
        Assert.False(Validate("Hi {% if Profile.vip %}VIP").IsValid);
    }

    [Fact]
    public void Unknown_filter_is_an_error_at_save_time()
    {
        var error = Assert.Single(Validate("Hi {{ Profile.name | upcas }}").Errors);

        Assert.Equal((1, 22), (error.Line, error.Column));
        Assert.Contains("upcas", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_tag_is_an_error_at_save_time()
    {
        var error = Assert.Single(Validate("Hi\n{%- frobnicate -%}").Errors);

        Assert.Equal((2, 5), (error.Line, error.Column));
        Assert.Contains("frobnicate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rendering_an_invalid_template_fails_with_the_parse_errors()
    {
        using var renderer = Create();

        var result = renderer.Render("{% for x in y %}", TemplateModel.Empty);

        Assert.False(result.Succeeded);
        Assert.Equal(RenderFailure.InvalidTemplate, result.Failure);
        Assert.Contains("line 1, column 4", result.Error, StringComparison.Ordinal);
    }
}
