using System.Text.Json;
using CampaignConsole.Core.Common;
using CampaignConsole.Core.Segments;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CampaignConsole.Web.Api;

/// <summary>`/api/v1/segments`: saved audience rules and their live counts.</summary>
internal static class SegmentsApi
{
    public static RouteGroupBuilder MapSegments(this IEndpointRouteBuilder app)
    {
        var group = app.MapSecretApi("/segments", "Segments");
        group.MapGet("/", async (SegmentService s, CancellationToken ct) => TypedResults.Ok((await s.ListAsync(ct)).Select(SegmentDto.From).ToList()))
            .WithName("ListSegments");
        group.MapGet("/{id}", Get).WithName("GetSegment");
        group.MapPost("/", (SegmentService s, SegmentBody body, CancellationToken ct) => Save(s, body, true, null, ct)).WithName("CreateSegment");
        group.MapPut("/{id}", (SegmentService s, string id, SegmentBody body, CancellationToken ct) => Save(s, body with { Id = body.Id ?? id }, false, id, ct))
            .WithName("UpdateSegment");
        group.MapGet("/{id}/count", Count).WithName("CountSegment").WithSummary("How many customers match the segment now");
        return group;
    }

    private static async Task<Results<Ok<SegmentDto>, NotFound>> Get(SegmentService s, string id, CancellationToken ct) =>
        await s.FindAsync(id, ct) is { } row ? TypedResults.Ok(SegmentDto.From(row)) : TypedResults.NotFound();

    private static async Task<Results<Ok<SegmentDto>, NotFound, ValidationProblem>> Save(SegmentService s, SegmentBody body, bool create, string? routeId, CancellationToken ct)
    {
        if (routeId is not null && body.Id != routeId)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = [$"must equal the id in the URL ('{routeId}')"] });
        var r = await s.SaveAsync(body.Id, body.Name, body.Rules, create, ct);
        if (r.NotFound) return TypedResults.NotFound();
        return r.IsOk ? TypedResults.Ok(SegmentDto.From(r.Value!)) : TypedResults.ValidationProblem(r.Errors!);
    }

    private static async Task<Results<Ok<SegmentCountDto>, NotFound>> Count(SegmentService s, string id, CancellationToken ct)
    {
        if (await s.FindAsync(id, ct) is not { } row) return TypedResults.NotFound();
        using var doc = JsonDocument.Parse(row.RulesJson);
        var rule = RuleParser.Parse(doc.RootElement, "rules", new ErrorList());
        return TypedResults.Ok(new SegmentCountDto(id, rule is null ? 0 : await s.CountAsync(rule, ct)));
    }
}

internal sealed record SegmentBody(string? Id, string? Name, JsonElement Rules);

internal sealed record SegmentDto(string Id, string Name, JsonElement Rules, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static SegmentDto From(SegmentRow s) => new(s.Id, s.Name, JsonText.Element(s.RulesJson), s.CreatedAt, s.UpdatedAt);
}

internal sealed record SegmentCountDto(string Id, long Count);
