using System.Diagnostics.CodeAnalysis;

namespace CampaignConsole.Core.Templates;

/// <summary>Why a render failed, so the sender can log and count failures by kind.</summary>
public enum RenderFailure
{
    /// <summary>The render succeeded.</summary>
    None,
    /// <summary>The template does not parse.</summary>
    InvalidTemplate,
    /// <summary>Loops ran more iterations than <see cref="TemplateOptions.MaxLoopIterations"/>.</summary>
    LoopLimitExceeded,
    /// <summary>The output grew past <see cref="TemplateOptions.MaxOutputChars"/>.</summary>
    OutputLimitExceeded,
    /// <summary>Rendering took longer than <see cref="TemplateOptions.Timeout"/>.</summary>
    TimedOut,
    /// <summary>Any other error raised while rendering (e.g. an unknown filter, a recursion limit).</summary>
    RuntimeError,
}

/// <summary>The outcome of <see cref="ITemplateRenderer.Render"/>: the text, or why there is none.</summary>
public sealed record RenderResult
{
    private RenderResult(string? output, RenderFailure failure, string? error)
    {
        Output = output;
        Failure = failure;
        Error = error;
    }

    /// <summary>True when <see cref="Output"/> holds the rendered text.</summary>
    [MemberNotNullWhen(true, nameof(Output))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Failure == RenderFailure.None;

    /// <summary>The rendered text; null on failure.</summary>
    public string? Output { get; }

    /// <summary>The kind of failure; <see cref="RenderFailure.None"/> on success.</summary>
    public RenderFailure Failure { get; }

    /// <summary>A readable reason, with line and column where known; null on success.</summary>
    public string? Error { get; }

    public static RenderResult Success(string output) => new(output, RenderFailure.None, null);

    public static RenderResult Failed(RenderFailure failure, string error)
    {
        if (failure == RenderFailure.None)
        {
            throw new ArgumentOutOfRangeException(nameof(failure), "A failed render needs a failure kind.");
        }

        return new RenderResult(null, failure, error);
    }
}
