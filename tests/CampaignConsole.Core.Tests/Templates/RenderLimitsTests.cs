using System.Diagnostics;
using System.Text.Json.Nodes;
using CampaignConsole.Core.Templates;
using static CampaignConsole.Core.Tests.Templates.TestRenderer;

namespace CampaignConsole.Core.Tests.Templates;

public class RenderLimitsTests
{
    [Fact]
    public void Ten_million_iteration_loop_fails_fast_with_a_clear_reason()
    {
        using var renderer = Create();
        var watch = Stopwatch.StartNew();

        var result = renderer.Render("{% for i in (1..10000000) %}x{% endfor %}", TemplateModel.Empty);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
        Assert.Equal(RenderFailure.LoopLimitExceeded, result.Failure);
        Assert.Contains("loops more than 10000 times", result.Error, StringComparison.Ordinal);
        Assert.Contains("line 1", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Nested_loops_count_towards_one_limit()
    {
        using var renderer = Create(new TemplateOptions { MaxLoopIterations = 100 });

        var result = renderer.Render("{% for i in (1..20) %}{% for j in (1..20) %}{% endfor %}{% endfor %}", TemplateModel.Empty);

        Assert.Equal(RenderFailure.LoopLimitExceeded, result.Failure);
    }

    [Fact]
    public void Loop_over_a_huge_payload_array_hits_the_loop_limit()
    {
        var items = new JsonArray();
        for (var i = 0; i < 200; i++)
        {
            items.Add(i);
        }

        using var renderer = Create(new TemplateOptions { MaxLoopIterations = 100 });

        var result = renderer.Render("{% for i in ExternalTrigger.items %}{{ i }}{% endfor %}", new TemplateModel(ExternalTrigger: new JsonObject { ["items"] = items }));

        Assert.Equal(RenderFailure.LoopLimitExceeded, result.Failure);
    }

    [Fact]
    public void Loop_within_the_limit_renders()
    {
        using var renderer = Create();

        var result = renderer.Render("{% for i in (1..5000) %}{% endfor %}done", TemplateModel.Empty);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("done", result.Output);
    }

    [Fact]
    public void Output_over_the_limit_fails()
    {
        using var renderer = Create(new TemplateOptions { MaxOutputChars = 1000 });

        var result = renderer.Render("{% for i in (1..500) %}xxxxxxxxxx{% endfor %}", TemplateModel.Empty);

        Assert.False(result.Succeeded);
        Assert.Equal(RenderFailure.OutputLimitExceeded, result.Failure);
        Assert.Contains("exceeds 1000 characters", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_over_the_default_256K_fails()
    {
        using var renderer = Create();
        var model = Profile($$"""{"bio":"{{new string('b', 100)}}"}""");

        var result = renderer.Render("{% for i in (1..3000) %}{{ Profile.bio }}{% endfor %}", model);

        Assert.Equal(RenderFailure.OutputLimitExceeded, result.Failure);
    }

    [Fact]
    public void Captured_text_counts_towards_the_output_limit()
    {
        using var renderer = Create(new TemplateOptions { MaxOutputChars = 1000 });

        var result = renderer.Render("{% capture big %}{% for i in (1..500) %}xxxxxxxxxx{% endfor %}{% endcapture %}ok", TemplateModel.Empty);

        Assert.Equal(RenderFailure.OutputLimitExceeded, result.Failure);
    }

    [Fact]
    public void Output_at_the_limit_renders()
    {
        using var renderer = Create(new TemplateOptions { MaxOutputChars = 1000 });

        var result = renderer.Render("{% for i in (1..100) %}xxxxxxxxxx{% endfor %}", TemplateModel.Empty);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(1000, result.Output.Length);
    }

    [Fact]
    public void Long_render_is_stopped_at_the_time_limit()
    {
        using var renderer = Create(new TemplateOptions { MaxLoopIterations = int.MaxValue, Timeout = TimeSpan.FromMilliseconds(200) });
        var watch = Stopwatch.StartNew();

        var result = renderer.Render("{% for i in (1..2000000000) %}{% endfor %}", TemplateModel.Empty);

        Assert.Equal(RenderFailure.TimedOut, result.Failure);
        Assert.Contains("200 ms", result.Error, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Cancelling_the_caller_token_throws_instead_of_reporting_a_template_failure()
    {
        using var renderer = Create(new TemplateOptions { MaxLoopIterations = int.MaxValue, Timeout = TimeSpan.FromMinutes(1) });
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        Assert.ThrowsAny<OperationCanceledException>(
            () => renderer.Render("{% for i in (1..2000000000) %}{% endfor %}", TemplateModel.Empty, cancellation.Token));
    }

    [Fact]
    public void Runtime_errors_fail_with_their_position()
    {
        using var renderer = Create();

        var result = renderer.Render("ok\n{{ 'abc' | truncate: 'x' }}", TemplateModel.Empty);

        Assert.Equal(RenderFailure.RuntimeError, result.Failure);
        Assert.StartsWith("line 2, column ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Division_by_zero_fails_instead_of_printing_a_huge_number()
    {
        using var renderer = Create();

        var result = renderer.Render("{{ 10 | divided_by: Profile.count }}", Profile("""{"count":0}"""));

        Assert.Equal(RenderFailure.RuntimeError, result.Failure);
        Assert.Contains("divided by 0", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{ 20 | divided_by: 7 }}", "2")]
    [InlineData("{{ 20 | divided_by: 7.0 }}", "2.857142857142857")]
    [InlineData("{{ 16 | divided_by: 4 }}", "4")]
    public void Division_matches_Shopify(string template, string expected)
    {
        Assert.Equal(expected, Render(template));
    }
}
