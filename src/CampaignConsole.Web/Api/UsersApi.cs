using System.Text.Json;
using CampaignConsole.Core.Contacts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CampaignConsole.Web.Api;

/// <summary>`/api/v1/users/{userId}`: a customer's profile and timeline, for support staff and backends.</summary>
internal static class UsersApi
{
    public static RouteGroupBuilder MapUsers(this IEndpointRouteBuilder app)
    {
        var group = app.MapSecretApi("/users", "Users");
        group.MapGet("/{userId}", Get).WithName("GetUser");
        group.MapGet("/{userId}/timeline", Timeline).WithName("GetUserTimeline").WithSummary("The customer's events and messages, newest first");
        return group;
    }

    private static async Task<Results<Ok<UserDto>, ProblemHttpResult>> Get(ContactQueries contacts, string userId, CancellationToken ct) =>
        await contacts.FindAsync(userId, ct) is { } p ? TypedResults.Ok(UserDto.From(p)) : NoSuchUser(userId);

    private static async Task<Results<Ok<TimelineDto>, ProblemHttpResult, ValidationProblem>> Timeline(
        TimelineQueries timeline, string userId, string? cursor, int? limit, CancellationToken ct)
    {
        if (limit is < 1 or > 500)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["must be between 1 and 500"] });
        if (cursor is not null && TimelineBound.Parse(cursor) is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["cursor"] = ["is not a cursor returned by this API"] });
        var page = await timeline.ReadAsync(userId, cursor, limit ?? 50, ct);
        return page is null ? NoSuchUser(userId) : TypedResults.Ok(new TimelineDto(page.Items.Select(TimelineEntryDto.From).ToList(), page.NextCursor));
    }

    private static ProblemHttpResult NoSuchUser(string userId) =>
        TypedResults.Problem(statusCode: 404, title: "Unknown user", detail: $"No customer has the user id or anonymous id '{userId}'.");
}

internal sealed record UserDto(string? UserId, IReadOnlyList<string> AnonymousIds, JsonElement Traits, string? TimeZone,
    DateTime CreatedAt, DateTime LastSeenAt)
{
    public static UserDto From(ContactProfile p) => new(p.Contact.UserId, p.AnonymousIds, JsonText.Element(p.Contact.TraitsJson),
        p.Contact.TimeZone, p.Contact.CreatedAt, p.Contact.LastSeenAt);
}

internal sealed record TimelineDto(IReadOnlyList<TimelineEntryDto> Items, string? NextCursor);

/// <param name="Kind">`event` or `message`.</param>
/// <param name="Status">For an event its type (track, identify…); for a message its delivery status.</param>
internal sealed record TimelineEntryDto(string Kind, long Id, DateTime At, string Name, string? Status, JsonElement? Detail)
{
    public static TimelineEntryDto From(TimelineEntry e) => new(e.Kind, e.Id, e.At, e.Name, e.Status, JsonText.Optional(e.DetailJson));
}
