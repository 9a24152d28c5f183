using System.Text.Json;
using CampaignConsole.Core.Common;
using CampaignConsole.Core.Events;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CampaignConsole.Web.Api;

/// <summary>`GET /api/v1/events`: the event history, newest first, keyset-paged.</summary>
internal static class EventsApi
{
    public static RouteGroupBuilder MapEvents(this IEndpointRouteBuilder app)
    {
        var group = app.MapSecretApi("/events", "Events");
        group.MapGet("/", List).WithName("ListEvents").WithSummary("Event history, filtered and paged");
        group.MapGet("/{id:long}", Get).WithName("GetEvent");
        return group;
    }

    /// <param name="name">Event name.</param>
    /// <param name="userId">A user id or anonymous id; includes the events sent before the visitor was identified.</param>
    /// <param name="from">Inclusive lower bound of the event time (ISO 8601).</param>
    /// <param name="to">Exclusive upper bound of the event time (ISO 8601).</param>
    /// <param name="q">Text searched in the event's properties, message id and ids.</param>
    /// <param name="cursor">`nextCursor` of the previous page.</param>
    /// <param name="limit">Page size, 1 to 500 (default 50).</param>
    private static async Task<Results<Ok<EventPageDto>, ValidationProblem>> List(EventQueries events, string? name, string? userId,
        DateTimeOffset? from, DateTimeOffset? to, string? q, string? cursor, int? limit, CancellationToken ct)
    {
        if (limit is < 1 or > EventQueries.MaxLimit)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"must be between 1 and {EventQueries.MaxLimit}"] });
        if (cursor is not null && !TimeCursor.TryParse(cursor, out _))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["cursor"] = ["is not a cursor returned by this API"] });
        var page = await events.ListAsync(new EventFilter(name, userId, from?.UtcDateTime, to?.UtcDateTime, q), cursor, limit ?? 50, ct);
        return TypedResults.Ok(new EventPageDto(page.Items.Select(EventDto.From).ToList(), page.NextCursor));
    }

    private static async Task<Results<Ok<EventDto>, NotFound>> Get(EventQueries events, long id, CancellationToken ct) =>
        await events.FindAsync(id, ct) is { } e ? TypedResults.Ok(EventDto.From(e)) : TypedResults.NotFound();
}

internal sealed record EventPageDto(IReadOnlyList<EventDto> Items, string? NextCursor);

internal sealed record EventDto(long Id, string MessageId, string Type, string Name, string? UserId, string? AnonymousId,
    DateTime Timestamp, DateTime ReceivedAt, JsonElement Properties, JsonElement? Context)
{
    public static EventDto From(EventRow e) => new(e.Id, e.MessageId, e.Type, e.Name, e.UserId, e.AnonymousId,
        e.Timestamp, e.ReceivedAt, JsonText.Element(e.PropertiesJson), JsonText.Optional(e.ContextJson));
}
