using CampaignConsole.Core.Templates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CampaignConsole.Core.Tests.Templates;

public class TemplatesServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddTemplates()
            .BuildServiceProvider();
    }

    [Fact]
    public void AddTemplates_registers_one_shared_renderer()
    {
        using var services = Build([]);

        var renderer = services.GetRequiredService<ITemplateRenderer>();

        Assert.IsType<ScribanLiquidRenderer>(renderer);
        Assert.Same(renderer, services.GetRequiredService<ITemplateRenderer>());
        Assert.Equal("Hey Ada", renderer.Render("Hey {{ Profile.name }}", TestRenderer.Profile("""{"name":"Ada"}""")).Output);
    }

    [Fact]
    public void Options_bind_from_the_Templates_section()
    {
        using var services = Build(new()
        {
            ["Templates:MaxOutputChars"] = "5000",
            ["Templates:Timeout"] = "00:00:02",
            ["Templates:CacheSize"] = "10",
            ["Templates:MaxLoopIterations"] = "50",
        });

        var options = services.GetRequiredService<IOptions<TemplateOptions>>().Value;

        Assert.Equal(5000, options.MaxOutputChars);
        Assert.Equal(TimeSpan.FromSeconds(2), options.Timeout);
        Assert.Equal(10, options.CacheSize);
        Assert.Equal(50, options.MaxLoopIterations);
    }

    [Fact]
    public void Defaults_are_256K_output_1s_timeout()
    {
        using var services = Build([]);

        var options = services.GetRequiredService<IOptions<TemplateOptions>>().Value;

        Assert.Equal(256 * 1024, options.MaxOutputChars);
        Assert.Equal(TimeSpan.FromSeconds(1), options.Timeout);
    }

    [Theory]
    [InlineData("Templates:MaxOutputChars", "0")]
    [InlineData("Templates:CacheSize", "0")]
    [InlineData("Templates:Timeout", "00:00:00")]
    public void Invalid_options_are_rejected(string key, string value)
    {
        using var services = Build(new() { [key] = value });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TemplateOptions>>().Value);
    }
}
