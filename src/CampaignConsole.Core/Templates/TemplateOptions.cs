using System.ComponentModel.DataAnnotations;

namespace CampaignConsole.Core.Templates;

/// <summary>Limits that keep one template from stalling a send. Bound from the "Templates" section.</summary>
public sealed class TemplateOptions
{
    /// <summary>The most characters a render may produce; more fails the render. Default 256 K.</summary>
    [Range(1, 100_000_000)]
    public int MaxOutputChars { get; set; } = 256 * 1024;

    /// <summary>The longest a single render may run. Default 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many parsed templates are kept. Default 1000.</summary>
    [Range(1, 1_000_000)]
    public int CacheSize { get; set; } = 1000;

    /// <summary>Iterations allowed across all nested loops of one outermost loop. Default 10 000.</summary>
    [Range(1, int.MaxValue)]
    public int MaxLoopIterations { get; set; } = 10_000;

    /// <summary>Nesting depth allowed for recursive calls (e.g. include). Default 20.</summary>
    [Range(1, 1000)]
    public int MaxRecursion { get; set; } = 20;
}
