using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using CampaignConsole.Core.Sources;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CampaignConsole.Web.Auth;

/// <summary>
/// Authenticates a source key from `Authorization: Bearer &lt;key&gt;` or Basic auth with the key as
/// user name (what Segment and RudderStack clients send). The claims say which kind of key it was,
/// so endpoints can refuse the wrong kind with 403 rather than 401.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    SourceKeyCache keys, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string KindClaim = "key_kind";
    public const string SourceClaim = "source_id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = KeyFrom(Request.Headers.Authorization.ToString());
        if (key is null) return AuthenticateResult.NoResult();
        var resolved = await keys.ResolveAsync(key, Context.RequestAborted);
        if (resolved is null) return AuthenticateResult.Fail("Unknown API key.");
        var identity = new ClaimsIdentity(
        [
            new Claim(KindClaim, resolved.Kind == KeyKind.Secret ? "secret" : "write"),
            new Claim(SourceClaim, resolved.SourceId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Problem(StatusCodes.Status401Unauthorized, "Unauthorized",
            "Send the source's secret key as `Authorization: Bearer <secret key>`.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problem(StatusCodes.Status403Forbidden, "Forbidden",
            "A write key may only ingest events (/v1/*) and connect the SDK; this endpoint needs the secret key.");

    private async Task Problem(int status, string title, string detail)
    {
        Response.StatusCode = status;
        if (status == 401) Response.Headers.WWWAuthenticate = "Bearer";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>The key from a Bearer or Basic authorization header, else null.</summary>
    public static string? KeyFrom(string? authorization)
    {
        if (string.IsNullOrEmpty(authorization)) return null;
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return authorization["Bearer ".Length..].Trim() is { Length: > 0 } bearer ? bearer : null;
        if (!authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return null;
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim()));
            var user = decoded.Split(':', 2)[0];
            return user.Length > 0 ? user : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
