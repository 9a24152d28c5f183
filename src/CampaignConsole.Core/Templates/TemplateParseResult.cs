namespace CampaignConsole.Core.Templates;

/// <summary>A syntax fault in a template, positioned 1-based.</summary>
public sealed record TemplateError(string Message, int Line, int Column)
{
    /// <summary>"line 2, column 5: message", the form shown to whoever saves the campaign.</summary>
    public override string ToString() => $"line {Line}, column {Column}: {Message}";
}

/// <summary>The outcome of <see cref="ITemplateRenderer.Validate"/>.</summary>
public sealed record TemplateParseResult
{
    /// <summary>A template without faults.</summary>
    public static TemplateParseResult Valid { get; } = new([]);

    public TemplateParseResult(IReadOnlyList<TemplateError> errors) => Errors = errors;

    /// <summary>Every fault found, in source order; empty when the template is valid.</summary>
    public IReadOnlyList<TemplateError> Errors { get; }

    /// <summary>True when the template parsed without faults.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>All faults on one line each, for a validation message.</summary>
    public override string ToString() => IsValid ? "valid" : string.Join(Environment.NewLine, Errors);
}
