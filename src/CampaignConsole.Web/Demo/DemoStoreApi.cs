using System.Text.Encodings.Web;
using System.Text.Json;
using CampaignConsole.Core.Sources;
using CampaignConsole.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CampaignConsole.Web.Demo;

/// <summary>
/// `GET /demo/store[?user=id]`: a small shop page that uses the web SDK, so a newcomer sees a
/// campaign answer "add to cart" live. The server knows the secret key, so it signs the shopper's
/// user id (userHash) the way a real site's backend would.
/// </summary>
internal static class DemoStoreApi
{
    private static readonly Lazy<string> Template = new(() =>
    {
        using var stream = typeof(DemoStoreApi).Assembly.GetManifestResourceStream("demo/store.html")
            ?? throw new InvalidOperationException("demo/store.html is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static IEndpointConventionBuilder MapDemoStore(this IEndpointRouteBuilder app) =>
        app.MapGet("/demo/store", Serve).AllowAnonymous().ExcludeFromDescription();

    private static async Task<IResult> Serve(CampaignDbContext db, string? user, string? name, CancellationToken ct)
    {
        var source = await db.Sources.AsNoTracking().OrderBy(s => s.Id).FirstOrDefaultAsync(ct);
        if (source is null) return TypedResults.Problem(statusCode: 503, title: "No source", detail: "The server has no source yet.");
        var userId = string.IsNullOrWhiteSpace(user) ? "demo-shopper" : user.Trim();
        var displayName = string.IsNullOrWhiteSpace(name) ? "Demo Shopper" : name.Trim();
        var html = Template.Value
            .Replace("{{USER_ID_JSON}}", Js(userId), StringComparison.Ordinal)
            .Replace("{{USER_NAME_JSON}}", Js(displayName), StringComparison.Ordinal)
            .Replace("{{USER_HASH_JSON}}", Js(ApiKeys.UserHash(source.SecretKey, userId)), StringComparison.Ordinal)
            .Replace("{{USER_NAME}}", HtmlEncoder.Default.Encode(displayName), StringComparison.Ordinal)
            .Replace("{{WRITE_KEY}}", HtmlEncoder.Default.Encode(source.WriteKey), StringComparison.Ordinal);
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }

    /// <summary>A JSON string literal safe inside a script element (no `&lt;/script&gt;` break-out).</summary>
    private static string Js(string value) => JsonSerializer.Serialize(value, new JsonSerializerOptions { Encoder = JavaScriptEncoder.Default });
}
