namespace CampaignConsole.Web.Api;

internal static class SecretKeyGroup
{
    /// <summary>An `/api/v1` group: secret key only, problem details on refusal, documented as such.</summary>
    public static RouteGroupBuilder MapSecretApi(this IEndpointRouteBuilder app, string prefix, string tag) =>
        app.MapGroup("/api/v1" + prefix)
            .RequireAuthorization(AuthServiceCollectionExtensions.SecretKeyPolicy)
            .DisableAntiforgery()
            .WithTags(tag)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
