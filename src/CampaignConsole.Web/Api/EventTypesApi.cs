using CampaignConsole.Core.Events;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CampaignConsole.Web.Api;

/// <summary>`/api/v1/event-types`: list, read, create or update event types.</summary>
internal static class EventTypesApi
{
    public static RouteGroupBuilder MapEventTypes(this IEndpointRouteBuilder app)
    {
        var group = app.MapSecretApi("/event-types", "Event types");
        group.MapGet("/", List).WithName("ListEventTypes");
        group.MapGet("/{name}", Get).WithName("GetEventType");
        group.MapPost("/", Save).WithName("SaveEventType").WithSummary("Create an event type, or update the one with that name");
        return group;
    }

    private static async Task<Ok<EventTypePageDto>> List(EventTypeService types, string? search, int? skip, int? take, CancellationToken ct)
    {
        var page = await types.PageAsync(search, skip ?? 0, take ?? 100, ct);
        return TypedResults.Ok(new EventTypePageDto(page.Items.Select(EventTypeDto.From).ToList(), page.Total));
    }

    private static async Task<Results<Ok<EventTypeDto>, NotFound>> Get(EventTypeService types, string name, CancellationToken ct) =>
        await types.FindAsync(name, ct) is { } t ? TypedResults.Ok(EventTypeDto.From(t)) : TypedResults.NotFound();

    private static async Task<Results<Ok<EventTypeDto>, ValidationProblem>> Save(EventTypeService types, SaveEventTypeDto body, CancellationToken ct)
    {
        var result = await types.SaveAsync(body.ToCommand(), ct);
        return result.IsOk ? TypedResults.Ok(EventTypeDto.From(result.Value!)) : TypedResults.ValidationProblem(result.Errors!);
    }
}

internal sealed record EventTypePageDto(IReadOnlyList<EventTypeDto> Items, int Total);

internal sealed record EventTypeDto(string Name, string Category, EventKind Kind, string? Description, bool AutoRegistered, DateTime CreatedAt)
{
    public static EventTypeDto From(EventTypeRow t) => new(t.Name, t.Category, t.Kind, t.Description, t.AutoRegistered, t.CreatedAt);
}

/// <param name="Name">The event name as sent in `track` (`add_to_cart`).</param>
/// <param name="Category">Free grouping; "Other" when omitted.</param>
/// <param name="Kind">`customer` (about one customer) or `system` (about everyone).</param>
internal sealed record SaveEventTypeDto(string Name, string? Category, EventKind? Kind, string? Description)
{
    public SaveEventType ToCommand() => new(Name ?? "", Category, Kind ?? EventKind.Customer, Description);
}
