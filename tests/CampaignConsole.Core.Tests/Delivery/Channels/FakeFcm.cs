using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CampaignConsole.Core.Tests.Delivery.Channels;

/// <summary>
/// Google's token endpoint and the FCM v1 send endpoint on one loopback server. The token endpoint checks the
/// JWT-bearer assertion against the test's RSA public key. Device tokens steer FCM's answer:
/// "gone-…" is UNREGISTERED, "flaky-…" fails with 503 once, "throttled-…" always 429, "revoked-…" answers 401 once.
/// </summary>
internal sealed class FakeFcm : IAsyncDisposable
{
    public const string ProjectId = "demo-project";
    public const string ClientEmail = "fcm-sender@demo-project.iam.gserviceaccount.com";
    public const string SendPath = "/v1/projects/" + ProjectId + "/messages:send";

    // RSA key generation is slow on small machines; one key serves every test.
    private static readonly Lazy<RSA> SharedKey = new(() => RSA.Create(2048));

    private readonly ConcurrentDictionary<string, int> _attempts = new();
    private int _issued;

    private FakeFcm(RSA key, LoopbackHttpServer server)
    {
        Key = key;
        Server = server;
    }

    public RSA Key { get; }

    public LoopbackHttpServer Server { get; }

    public ConcurrentQueue<(JsonObject Header, JsonObject Claims, bool SignatureValid)> Assertions { get; } = new();

    public IEnumerable<RecordedRequest> Sends => Server.To(SendPath);

    public string ServiceAccountJson => new JsonObject
    {
        ["type"] = "service_account",
        ["project_id"] = ProjectId,
        ["private_key_id"] = "key-1",
        ["private_key"] = Key.ExportPkcs8PrivateKeyPem(),
        ["client_email"] = ClientEmail,
        ["token_uri"] = Server.Url("/token"),
    }.ToJsonString();

    public static async Task<FakeFcm> StartAsync()
    {
        FakeFcm? fcm = null;
        var server = await LoopbackHttpServer.StartAsync((context, request) => fcm!.HandleAsync(context, request));
        fcm = new FakeFcm(SharedKey.Value, server);
        return fcm;
    }

    private Task HandleAsync(HttpContext context, RecordedRequest request)
    {
        context.Response.ContentType = "application/json";
        if (request.Path == "/token")
        {
            var form = request.Form();
            if (form.GetValueOrDefault("grant_type") != "urn:ietf:params:oauth:grant-type:jwt-bearer" || !Verify(form.GetValueOrDefault("assertion")))
            {
                context.Response.StatusCode = 400;
                return context.Response.WriteAsync("""{"error":"invalid_grant","error_description":"Invalid JWT Signature."}""");
            }

            var n = Interlocked.Increment(ref _issued);
            return context.Response.WriteAsync($$"""{"access_token":"ya29.token-{{n}}","expires_in":3600,"token_type":"Bearer"}""");
        }

        var token = JsonNode.Parse(request.BodyText)!["message"]!["token"]!.GetValue<string>();
        var attempt = _attempts.AddOrUpdate(token, 1, (_, n) => n + 1);
        (int status, string body) = token switch
        {
            _ when token.StartsWith("gone-", StringComparison.Ordinal) => (404, """{"error":{"code":404,"message":"Requested entity was not found.","status":"NOT_FOUND","details":[{"@type":"type.googleapis.com/google.firebase.fcm.v1.FcmError","errorCode":"UNREGISTERED"}]}}"""),
            _ when token.StartsWith("flaky-", StringComparison.Ordinal) && attempt == 1 => (503, """{"error":{"code":503,"status":"UNAVAILABLE"}}"""),
            _ when token.StartsWith("throttled-", StringComparison.Ordinal) => (429, """{"error":{"code":429,"status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.firebase.fcm.v1.FcmError","errorCode":"QUOTA_EXCEEDED"}]}}"""),
            _ when token.StartsWith("revoked-", StringComparison.Ordinal) && attempt == 1 => (401, """{"error":{"code":401,"status":"UNAUTHENTICATED"}}"""),
            _ => (200, $$"""{"name":"projects/{{ProjectId}}/messages/{{token}}"}"""),
        };
        context.Response.StatusCode = status;
        return context.Response.WriteAsync(body);
    }

    private bool Verify(string? jwt)
    {
        var parts = jwt?.Split('.') ?? [];
        if (parts.Length != 3)
        {
            return false;
        }

        var header = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0]))!.AsObject();
        var claims = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!.AsObject();
        using var publicKey = RSA.Create(Key.ExportParameters(includePrivateParameters: false));
        var valid = publicKey.VerifyData(
            Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        Assertions.Enqueue((header, claims, valid));
        return valid;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
    }
}
