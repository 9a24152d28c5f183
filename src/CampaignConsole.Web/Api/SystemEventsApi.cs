using System.Text.Json.Nodes;
using CampaignConsole.Core.Events;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CampaignConsole.Web.Api;

/// <summary>`POST /api/v1/system-events`: an event about everyone ("item X is back in stock"); campaigns on it fan out.</summary>
internal static class SystemEventsApi
{
    public static RouteGroupBuilder MapSystemEvents(this IEndpointRouteBuilder app)
    {
        var group = app.MapSecretApi("/system-events", "System events");
        group.MapPost("/", Raise).WithName("RaiseSystemEvent");
        return group;
    }

    private static async Task<Results<Accepted<SystemEventAcceptedDto>, Ok<SystemEventAcceptedDto>, ValidationProblem>> Raise(
        SystemEventService events, HttpContext http, SystemEventDto body, CancellationToken ct)
    {
        var sourceId = int.Parse(http.User.FindFirst(ApiKeyAuthenticationHandler.SourceClaim)!.Value, System.Globalization.CultureInfo.InvariantCulture);
        var r = await events.RaiseAsync(sourceId, body.Name, body.Context, body.MessageId, ct);
        if (!r.IsOk) return TypedResults.ValidationProblem(r.Errors!);
        var dto = new SystemEventAcceptedDto(r.Value!.EventId, r.Value.Duplicate);
        return r.Value.Duplicate ? TypedResults.Ok(dto) : TypedResults.Accepted($"/api/v1/events/{r.Value.EventId}", dto);
    }
}

/// <param name="Name">The system event's name (`item_back_in_stock`).</param>
/// <param name="Context">Its variables; `$field` in audience rules and `Event.*` in templates refer to them.</param>
/// <param name="MessageId">Idempotency key: the same id raised twice fans out once.</param>
internal sealed record SystemEventDto(string? Name, JsonObject? Context, string? MessageId);

/// <param name="Duplicate">true when this messageId was raised before (nothing new happens).</param>
internal sealed record SystemEventAcceptedDto(long EventId, bool Duplicate);
