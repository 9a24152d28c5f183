using CampaignConsole.Core.Accounts;
using Microsoft.AspNetCore.Identity;

namespace CampaignConsole.Web.Auth;

internal static class AccountApi
{
    /// <summary>`POST /account/logout` (the login form is the static page Components/Account/Login.razor).</summary>
    public static RouteGroupBuilder MapAccount(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/account").ExcludeFromDescription();
        group.MapPost("/logout", async (SignInManager<ConsoleUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/account/login");
        });
        return group;
    }
}
