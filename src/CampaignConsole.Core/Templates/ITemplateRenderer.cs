namespace CampaignConsole.Core.Templates;

/// <summary>
/// Renders message templates (Liquid syntax). The seam that keeps the template engine swappable.
/// </summary>
public interface ITemplateRenderer
{
    /// <summary>Parses <paramref name="template"/> and reports every syntax fault with its line and column.</summary>
    TemplateParseResult Validate(string template);

    /// <summary>
    /// Renders <paramref name="template"/> against <paramref name="model"/>. Never throws for a bad template
    /// or a template that exceeds a limit: those come back as a failed <see cref="RenderResult"/>.
    /// </summary>
    /// <exception cref="OperationCanceledException">Only when <paramref name="cancellationToken"/> is cancelled.</exception>
    RenderResult Render(string template, TemplateModel model, CancellationToken cancellationToken = default);
}
