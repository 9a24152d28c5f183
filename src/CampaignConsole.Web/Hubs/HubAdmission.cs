using CampaignConsole.Core.Contacts;
using CampaignConsole.Core.Sources;

namespace CampaignConsole.Web.Hubs;

/// <summary>
/// Checks a hub request before SignalR sees it (negotiate, WebSocket and fallbacks alike): a write
/// key, an allowed Origin (CORS does not guard WebSockets), and identity verification, so a guessed
/// user id cannot join someone else's group. Refusals are problem details with 401 or 403.
/// </summary>
internal sealed class HubAdmission(RequestDelegate next)
{
    public const string VisitorItem = "cc.hub.visitor";

    public async Task InvokeAsync(HttpContext ctx, SourceKeyCache keys, ContactQueries contacts, IProblemDetailsService problems)
    {
        var q = ctx.Request.Query;
        var resolved = await keys.ResolveAsync(q["writeKey"].ToString(), ctx.RequestAborted);
        if (resolved is null || resolved.Kind != KeyKind.Write)
        {
            await RefuseAsync(ctx, problems, 401, "A valid write key is required (?writeKey=wk_…).");
            return;
        }
        var source = resolved.Source;
        var origin = ctx.Request.Headers.Origin.ToString();
        if (source.AllowedOriginList.Count > 0 && origin.Length > 0 && !source.AllowedOriginList.Contains(origin, StringComparer.OrdinalIgnoreCase))
        {
            await RefuseAsync(ctx, problems, 403, $"Origin {origin} is not allowed for this source.");
            return;
        }

        var userId = q["userId"].ToString();
        var anonymousId = q["anonymousId"].ToString();
        HubVisitor visitor;
        if (userId.Length > 0)
        {
            if (source.EnforceIdentityVerification && !ApiKeys.VerifyUserHash(source.SecretKey, userId, q["userHash"].ToString()))
            {
                await RefuseAsync(ctx, problems, 403, "userHash does not verify this userId (HMAC-SHA256 of the userId with the secret key).");
                return;
            }
            visitor = new HubVisitor(resolved.SourceId, userId, null);
        }
        else if (anonymousId.Length > 0)
        {
            // An anonymous id already tied to an identified user would open that user's messages without a hash.
            if (source.EnforceIdentityVerification && await contacts.FindAsync(anonymousId, ctx.RequestAborted) is { Contact.UserId: not null })
            {
                await RefuseAsync(ctx, problems, 403, "This visitor is identified: connect with userId and userHash.");
                return;
            }
            visitor = new HubVisitor(resolved.SourceId, null, anonymousId);
        }
        else
        {
            await RefuseAsync(ctx, problems, 400, "userId (with userHash) or anonymousId is required.");
            return;
        }
        ctx.Items[VisitorItem] = visitor;
        await next(ctx);
    }

    private static async Task RefuseAsync(HttpContext ctx, IProblemDetailsService problems, int status, string detail)
    {
        ctx.Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = ctx,
            ProblemDetails = { Status = status, Title = status == 401 ? "Unauthorized" : status == 403 ? "Forbidden" : "Bad request", Detail = detail },
        });
    }
}
