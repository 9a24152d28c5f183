using System.Globalization;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Scriban;
using Scriban.Parsing;
using Scriban.Syntax;

namespace CampaignConsole.Core.Templates;

/// <summary>
/// Liquid templates rendered by Scriban's Liquid mode, with Shopify-compatible fixes to a few filters,
/// a bounded cache of parsed templates, and limits (loops, output size, time) so a template cannot stall a send.
/// Output is plain text: nothing is HTML-escaped here; each channel decides.
/// </summary>
public sealed class ScribanLiquidRenderer : ITemplateRenderer, IDisposable
{
    private readonly TemplateOptions _options;
    private readonly TimeProvider _clock;
    private readonly MemoryCache _cache;
    private int _parseCount;

    public ScribanLiquidRenderer(IOptions<TemplateOptions> options, TimeProvider clock)
    {
        _options = options.Value;
        _clock = clock;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = _options.CacheSize });
    }

    /// <summary>How many times a template text has been parsed; a cache hit does not count.</summary>
    internal int ParseCount => Volatile.Read(ref _parseCount);

    /// <summary>How many parsed templates the cache holds now.</summary>
    internal int CachedCount => _cache.Count;

    /// <inheritdoc />
    public TemplateParseResult Validate(string template) => GetOrParse(template).Result;

    /// <inheritdoc />
    public RenderResult Render(string template, TemplateModel model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        cancellationToken.ThrowIfCancellationRequested();

        var parsed = GetOrParse(template);
        if (!parsed.Result.IsValid)
        {
            return RenderResult.Failed(RenderFailure.InvalidTemplate, $"The template does not parse: {parsed.Result}");
        }

        using var timeout = new CancellationTokenSource(_options.Timeout, _clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        var context = new CampaignTemplateContext(_clock)
        {
            LoopLimit = _options.MaxLoopIterations,
            RecursiveLimit = _options.MaxRecursion,
            OutputLimit = _options.MaxOutputChars,
            OnOutputLimit = ScriptLimitBehavior.Throw,
            // Also caps single strings built inside the template (append in a loop, capture).
            LimitToString = _options.MaxOutputChars,
            OnStringLimit = ScriptLimitBehavior.Throw,
            RegexTimeOut = _options.Timeout,
            // Scriban checks this token between loop iterations, so a long loop stops on time.
            CancellationToken = linked.Token,
        };
        context.PushGlobal(JsonScriptModel.Build(model));

        try
        {
            return RenderResult.Success(parsed.Template.Render(context));
        }
        catch (ScriptAbortException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (ScriptAbortException)
        {
            return RenderResult.Failed(
                RenderFailure.TimedOut,
                $"Rendering was stopped after {_options.Timeout.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms (the time limit).");
        }
        catch (ScriptRuntimeException exception)
        {
            return Failed(exception, template);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return RenderResult.Failed(RenderFailure.RuntimeError, exception.Message);
        }
    }

    public void Dispose() => _cache.Dispose();

    private ParsedTemplate GetOrParse(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (_cache.TryGetValue(template, out ParsedTemplate? cached) && cached is not null)
        {
            return cached;
        }

        // Two threads may both parse a new template; both results are equal, so the race is harmless.
        var parsed = Parse(template);
        _cache.Set(template, parsed, new MemoryCacheEntryOptions { Size = 1 });
        return parsed;
    }

    private ParsedTemplate Parse(string text)
    {
        Interlocked.Increment(ref _parseCount);
        var template = Template.ParseLiquid(text);
        var errors = template.Messages
            .Where(message => message.Type == ParserMessageType.Error)
            .Select(message => TemplatePosition.Error(message.Message, message.Span, text))
            .ToList();
        if (errors.Count == 0)
        {
            errors.AddRange(LiquidSyntaxChecker.Check(template.Page, text));
        }

        return new ParsedTemplate(template, errors.Count == 0 ? TemplateParseResult.Valid : new TemplateParseResult(errors));
    }

    private RenderResult Failed(ScriptRuntimeException exception, string template)
    {
        var (line, column) = TemplatePosition.OneBased(exception.Span, template);
        var detail = $"line {line}, column {column}: {exception.OriginalMessage}";
        var message = exception.OriginalMessage;

        // Scriban raises the same exception type for every limit; its message names the limit.
        if (message.Contains("LoopLimit", StringComparison.Ordinal) || message.Contains("iteration limit", StringComparison.Ordinal))
        {
            return RenderResult.Failed(
                RenderFailure.LoopLimitExceeded,
                $"The template loops more than {_options.MaxLoopIterations} times ({detail}).");
        }

        if (message.Contains("OutputLimit", StringComparison.Ordinal) || message.Contains("LimitToString", StringComparison.Ordinal))
        {
            return RenderResult.Failed(
                RenderFailure.OutputLimitExceeded,
                $"The output exceeds {_options.MaxOutputChars} characters ({detail}).");
        }

        return RenderResult.Failed(RenderFailure.RuntimeError, detail);
    }

    private sealed record ParsedTemplate(Template Template, TemplateParseResult Result);
}
