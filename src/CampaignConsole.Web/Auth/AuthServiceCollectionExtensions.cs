using CampaignConsole.Core.Accounts;
using CampaignConsole.Core.Persistence;
using CampaignConsole.Web.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Microsoft.Extensions.DependencyInjection;

internal static class AuthServiceCollectionExtensions
{
    public const string SecretKeyPolicy = "SecretKey";

    /// <summary>
    /// Two separate worlds: the console's cookie login (ASP.NET Core Identity, hashed passwords, lockout)
    /// and source keys for the API. Neither opens the other.
    /// </summary>
    public static IServiceCollection AddConsoleAuth(this IServiceCollection services)
    {
        services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.Cookie.Name = "cc.console";
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
        });
        services.AddIdentityCore<ConsoleUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 10;
            })
            .AddEntityFrameworkStores<CampaignDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddAuthorizationBuilder()
            .AddPolicy(SecretKeyPolicy, p => p
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .RequireClaim(ApiKeyAuthenticationHandler.KindClaim, "secret"));
        services.AddCascadingAuthenticationState();
        return services;
    }
}
