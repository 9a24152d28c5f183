using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace CampaignConsole.Core.Delivery;

/// <summary>FCM credentials: a bearer token (static or from the service account) and the project to send to.</summary>
internal readonly record struct FcmAuth(string? AccessToken, string? ProjectId, SendOutcome? Failure);

/// <summary>
/// Gets OAuth2 access tokens for FCM with the service account's JWT-bearer grant (RFC 7523): an RS256 JWT
/// signed with the account's private key is exchanged at its token_uri. Tokens are cached until shortly before expiry.
/// </summary>
internal sealed class FcmAccessTokens(IHttpClientFactory clients, IOptionsMonitor<FcmOptions> options, TimeProvider time) : IDisposable
{
    public const string HttpClientName = "CampaignConsole.FcmToken";
    public const string Scope = "https://www.googleapis.com/auth/firebase.messaging";
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private CachedToken? _cached;

    public async Task<FcmAuth> GetAsync(CancellationToken ct)
    {
        var settings = options.CurrentValue;
        if (!string.IsNullOrWhiteSpace(settings.AccessToken))
        {
            return string.IsNullOrWhiteSpace(settings.ProjectId)
                ? new FcmAuth(null, null, NotConfigured())
                : new FcmAuth(settings.AccessToken, settings.ProjectId, null);
        }

        if (string.IsNullOrWhiteSpace(settings.ServiceAccountJson))
        {
            return new FcmAuth(null, null, NotConfigured());
        }

        var source = settings.ServiceAccountJson;
        if (Fresh(source) is { } hit)
        {
            return new FcmAuth(hit.Token, settings.ProjectId ?? hit.ProjectId, null);
        }

        await _refresh.WaitAsync(ct);
        try
        {
            // Another caller may have refreshed while this one waited.
            if (Fresh(source) is { } refreshed)
            {
                return new FcmAuth(refreshed.Token, settings.ProjectId ?? refreshed.ProjectId, null);
            }

            FcmServiceAccount account;
            try
            {
                account = FcmServiceAccount.Load(source);
            }
            catch (InvalidOperationException ex)
            {
                return new FcmAuth(null, null, SendOutcome.Permanent($"push is misconfigured: {ex.Message}"));
            }

            var projectId = settings.ProjectId ?? account.ProjectId;
            if (string.IsNullOrWhiteSpace(projectId))
            {
                return new FcmAuth(null, null, NotConfigured());
            }

            var (token, failure) = await ExchangeAsync(account, source, ct);
            return failure is null ? new FcmAuth(token, projectId, null) : new FcmAuth(null, null, failure);
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Drops a token FCM refused (401), so the next send fetches a new one.</summary>
    public void Invalidate(string accessToken)
    {
        if (_cached?.Token == accessToken)
        {
            _cached = null;
        }
    }

    public void Dispose() => _refresh.Dispose();

    private static SendOutcome NotConfigured() =>
        SendOutcome.Permanent("push is not configured (Push:Fcm:ServiceAccountJson, or Push:Fcm:AccessToken with Push:Fcm:ProjectId)");

    private CachedToken? Fresh(string source) =>
        _cached is { } c && c.Source == source && time.GetUtcNow() < c.ExpiresAt - RefreshMargin ? c : null;

    private async Task<(string? Token, SendOutcome? Failure)> ExchangeAsync(FcmServiceAccount account, string source, CancellationToken ct)
    {
        var tokenUri = string.IsNullOrWhiteSpace(account.TokenUri) ? FcmServiceAccount.DefaultTokenUri : account.TokenUri;
        string assertion;
        try
        {
            assertion = SignJwt(account, tokenUri, time.GetUtcNow());
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            return (null, SendOutcome.Permanent($"push is misconfigured: service account private_key unusable: {ex.Message}"));
        }

        using var form = new FormUrlEncodedContent(
        [
            new("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
            new("assertion", assertion),
        ]);
        try
        {
            using var response = await clients.CreateClient(HttpClientName).PostAsync(tokenUri, form, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                var detail = $"push token endpoint answered {HttpSendResults.Describe(response)}: {text}";
                return (null, new SendOutcome(HttpSendResults.Classify(response.StatusCode), detail));
            }

            var json = JsonNode.Parse(text);
            var accessToken = json?["access_token"]?.GetValue<string>();
            var expiresIn = json?["expires_in"]?.GetValue<int>() ?? 3600;
            if (string.IsNullOrEmpty(accessToken))
            {
                return (null, SendOutcome.Retryable("push token endpoint answered without access_token"));
            }

            _cached = new CachedToken(account.ProjectId, accessToken, time.GetUtcNow().AddSeconds(expiresIn), source);
            return (accessToken, null);
        }
        catch (Exception ex) when (HttpSendResults.IsTimeoutOrNetwork(ex, ct))
        {
            return (null, HttpSendResults.FromException("push token endpoint", ex, TimeSpan.FromSeconds(options.CurrentValue.TimeoutSeconds)));
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return (null, SendOutcome.Retryable($"push token endpoint answered unreadable JSON: {ex.Message}"));
        }
    }

    internal static string SignJwt(FcmServiceAccount account, string audience, DateTimeOffset now)
    {
        var header = new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT" };
        if (!string.IsNullOrEmpty(account.PrivateKeyId))
        {
            header["kid"] = account.PrivateKeyId;
        }

        var issuedAt = now.ToUnixTimeSeconds();
        var claims = new JsonObject
        {
            ["iss"] = account.ClientEmail,
            ["scope"] = Scope,
            ["aud"] = audience,
            ["iat"] = issuedAt,
            ["exp"] = issuedAt + 3600,
        };
        var signingInput = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString())) + "."
            + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        using var rsa = RSA.Create();
        rsa.ImportFromPem(account.PrivateKey);
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    private sealed record CachedToken(string? ProjectId, string Token, DateTimeOffset ExpiresAt, string Source);
}
