using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace CampaignConsole.Web.Sdk;

/// <summary>
/// `GET /sdk/v1/campaign.js`: the web SDK bundle, embedded at build time. Served with an ETag and a
/// short public cache (sites embed the URL directly, so a fix must reach them within minutes), and
/// gzip-compressed once at start rather than per request.
/// </summary>
internal static class SdkApi
{
    private static readonly Lazy<SdkBundle?> Bundle = new(SdkBundle.Load);

    public static IEndpointConventionBuilder MapSdk(this IEndpointRouteBuilder app) =>
        app.MapGet("/sdk/v1/campaign.js", Serve).AllowAnonymous().ExcludeFromDescription();

    private static IResult Serve(HttpContext ctx)
    {
        if (Bundle.Value is not { } bundle)
            return TypedResults.Problem(statusCode: 503, title: "SDK not built",
                detail: "The server was built without the web SDK (npm was missing or SkipSdkBuild=true). Rebuild with npm available.");
        var headers = ctx.Response.Headers;
        headers.CacheControl = "public, max-age=300";
        headers.ETag = bundle.ETag;
        headers.Vary = "Accept-Encoding";
        headers.AccessControlAllowOrigin = "*";
        if (ctx.Request.Headers.IfNoneMatch.ToString() == bundle.ETag) return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        if (ctx.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            headers.ContentEncoding = "gzip";
            return TypedResults.Bytes(bundle.Gzipped, "text/javascript; charset=utf-8");
        }
        return TypedResults.Bytes(bundle.Raw, "text/javascript; charset=utf-8");
    }

    private sealed record SdkBundle(byte[] Raw, byte[] Gzipped, string ETag)
    {
        public static SdkBundle? Load()
        {
            using var stream = typeof(SdkApi).Assembly.GetManifestResourceStream("sdk/campaign.js");
            if (stream is null) return null;
            using var raw = new MemoryStream();
            stream.CopyTo(raw);
            var bytes = raw.ToArray();
            using var gz = new MemoryStream();
            using (var zip = new GZipStream(gz, CompressionLevel.SmallestSize, leaveOpen: true)) zip.Write(bytes);
            var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}\"").ToString();
            return new SdkBundle(bytes, gz.ToArray(), etag);
        }
    }
}
