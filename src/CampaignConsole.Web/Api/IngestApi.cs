using System.Text.Json;
using CampaignConsole.Core.Events.Ingest;
using CampaignConsole.Core.Sources;
using CampaignConsole.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CampaignConsole.Web.Api;

/// <summary>
/// Segment's HTTP Tracking API: `/v1/batch` and the single-message routes. Answers 200 only after
/// the messages are committed; a retried messageId is accepted and ignored.
/// </summary>
internal static class IngestApi
{
    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 64 };

    public static RouteGroupBuilder MapIngest(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").WithTags("Ingestion").AllowAnonymous().DisableAntiforgery()
            .RequireCors(CorsPolicies.Ingest);
        group.MapPost("/batch", (HttpContext ctx, SourceKeyCache keys, IngestWriter writer, TimeProvider clock) =>
            Ingest(ctx, null, keys, writer, clock)).WithName("Batch").WithSummary("Ingest a batch of messages (Segment-compatible)");
        foreach (var type in new[] { "track", "identify", "page", "screen", "group", "alias" })
        {
            group.MapPost("/" + type, (HttpContext ctx, SourceKeyCache keys, IngestWriter writer, TimeProvider clock) =>
                Ingest(ctx, type, keys, writer, clock)).WithName("Single_" + type).WithSummary($"Ingest one {type} message");
        }
        return group;
    }

    private static async Task<Results<Ok<IngestAccepted>, ProblemHttpResult, ValidationProblem>> Ingest(
        HttpContext ctx, string? impliedType, SourceKeyCache keys, IngestWriter writer, TimeProvider clock)
    {
        var ct = ctx.RequestAborted;
        var body = await RequestBodyReader.ReadAsync(ctx.Request, IngestLimits.MaxBatchBytes, ct);
        try
        {
            if (body.TooLarge)
                return Problem(StatusCodes.Status413PayloadTooLarge, "Batch too large",
                    $"A batch may be at most {IngestLimits.MaxBatchBytes / 1024} KB and a message {IngestLimits.MaxMessageBytes / 1024} KB.");
            if (body.Error is not null) return Problem(StatusCodes.Status400BadRequest, "The body could not be read", body.Error);

            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(body.Memory, JsonOptions);
            }
            catch (JsonException ex)
            {
                return Problem(StatusCodes.Status400BadRequest, "Malformed JSON",
                    $"The body is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}).");
            }
            using (doc)
            {
                var key = ApiKeyAuthenticationHandler.KeyFrom(ctx.Request.Headers.Authorization.ToString())
                    ?? BatchParser.WriteKeyIn(doc.RootElement);
                var resolved = await keys.ResolveAsync(key, ct);
                if (resolved is null)
                    return Problem(StatusCodes.Status401Unauthorized, "Unauthorized",
                        key is null ? "Send the source's write key as the Basic auth user name (empty password) or as `writeKey` in the body."
                                    : "The write key is not known.");
                if (resolved.Kind != KeyKind.Write)
                    return Problem(StatusCodes.Status403Forbidden, "Forbidden",
                        "This is a secret key: ingestion takes the source's publishable write key. Keep the secret key on your servers.");

                var parsed = BatchParser.Parse(doc.RootElement, impliedType, clock.GetUtcNow().UtcDateTime);
                if (!parsed.IsValid)
                {
                    return parsed.TooLarge
                        ? Problem(StatusCodes.Status413PayloadTooLarge, "Message too large", string.Join(" ", parsed.Errors.Select(e => $"{e.Key}: {string.Join("; ", e.Value)}")))
                        : TypedResults.ValidationProblem(parsed.Errors, title: "The batch was refused; nothing was stored",
                            detail: "Fix the named fields and send the whole batch again.");
                }
                await writer.WriteAsync(resolved.SourceId, parsed.Messages, ct);
                return TypedResults.Ok(new IngestAccepted(true));
            }
        }
        finally
        {
            body.Return();
        }
    }

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);
}

/// <summary>Segment's answer: `{"success":true}`.</summary>
internal sealed record IngestAccepted(bool Success);
