using System.Text.Json.Nodes;
using CampaignConsole.Core.Templates;
using Microsoft.Extensions.Options;

namespace CampaignConsole.Core.Tests.Templates;

internal static class TestRenderer
{
    public static ScribanLiquidRenderer Create(TemplateOptions? options = null, TimeProvider? clock = null) =>
        new(Options.Create(options ?? new TemplateOptions()), clock ?? TimeProvider.System);

    /// <summary>Renders and insists on success, so a failing test shows the renderer's reason.</summary>
    public static string Render(string template, TemplateModel? model = null, TimeProvider? clock = null)
    {
        using var renderer = Create(clock: clock);
        var result = renderer.Render(template, model ?? TemplateModel.Empty);
        Assert.True(result.Succeeded, result.Error);
        return result.Output;
    }

    public static TemplateModel Profile(string json) => new(Profile: JsonNode.Parse(json)!.AsObject());

    public static TemplateModel Event(string json) => new(Event: JsonNode.Parse(json)!.AsObject());

    public static TemplateModel Trigger(string json) => new(ExternalTrigger: JsonNode.Parse(json)!.AsObject());
}
