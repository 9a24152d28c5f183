using System.Globalization;
using CampaignConsole.Core.Contacts;
using CampaignConsole.Core.Inbox;
using CampaignConsole.Web.Hubs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CampaignConsole.Web.Api;

/// <summary>`/api/v1/users/{userId}/inbox`: read a user's inbox, remove messages (the removal reaches open pages live).</summary>
internal static class InboxApi
{
    public static RouteGroupBuilder MapInbox(this IEndpointRouteBuilder app)
    {
        var group = app.MapSecretApi("/users/{userId}/inbox", "Inbox");
        group.MapGet("/", List).WithName("GetInbox");
        group.MapDelete("/{messageId}", RemoveOne).WithName("RemoveInboxMessage");
        group.MapDelete("/", RemoveByCampaign).WithName("RemoveInboxMessagesOfCampaign").WithSummary("Remove every inbox message of ?campaignId=");
        return group;
    }

    private static async Task<Results<Ok<IReadOnlyList<HubInboxItem>>, ProblemHttpResult>> List(ContactQueries contacts, InboxService inbox, string userId, CancellationToken ct)
    {
        if (await contacts.ContactIdAsync(userId, ct) is not { } contactId) return NoSuchUser(userId);
        return TypedResults.Ok<IReadOnlyList<HubInboxItem>>((await inbox.ListAsync(contactId, ct)).Select(HubInboxItem.From).ToList());
    }

    private static async Task<Results<Ok<RemovedDto>, ProblemHttpResult>> RemoveOne(ContactQueries contacts, InboxService inbox, string userId,
        string messageId, CancellationToken ct)
    {
        if (await contacts.ContactIdAsync(userId, ct) is not { } contactId) return NoSuchUser(userId);
        if (!long.TryParse(messageId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return TypedResults.Problem(statusCode: 404, title: "Unknown message", detail: $"'{messageId}' is not an inbox message id.");
        var removed = await inbox.RemoveAsync(contactId, id, null, ct);
        return removed.Count == 0
            ? TypedResults.Problem(statusCode: 404, title: "Unknown message", detail: $"User '{userId}' has no inbox message {messageId}.")
            : TypedResults.Ok(new RemovedDto(removed.Select(r => r.ToString(CultureInfo.InvariantCulture)).ToList()));
    }

    private static async Task<Results<Ok<RemovedDto>, ProblemHttpResult, ValidationProblem>> RemoveByCampaign(ContactQueries contacts, InboxService inbox,
        string userId, string? campaignId, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(campaignId))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["campaignId"] = ["is required to remove messages in bulk"] });
        if (await contacts.ContactIdAsync(userId, ct) is not { } contactId) return NoSuchUser(userId);
        var removed = await inbox.RemoveAsync(contactId, null, campaignId, ct);
        return TypedResults.Ok(new RemovedDto(removed.Select(r => r.ToString(CultureInfo.InvariantCulture)).ToList()));
    }

    private static ProblemHttpResult NoSuchUser(string userId) =>
        TypedResults.Problem(statusCode: 404, title: "Unknown user", detail: $"No customer has the user id '{userId}'.");
}

/// <param name="Removed">Ids of the inbox messages removed.</param>
internal sealed record RemovedDto(IReadOnlyList<string> Removed);
