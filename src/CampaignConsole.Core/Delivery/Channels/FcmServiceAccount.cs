using System.Text.Json;
using System.Text.Json.Serialization;

namespace CampaignConsole.Core.Delivery;

/// <summary>The fields of a Google service account key file that the JWT-bearer grant needs.</summary>
internal sealed record FcmServiceAccount(
    [property: JsonPropertyName("client_email")] string ClientEmail,
    [property: JsonPropertyName("private_key")] string PrivateKey,
    [property: JsonPropertyName("private_key_id")] string? PrivateKeyId,
    [property: JsonPropertyName("token_uri")] string? TokenUri,
    [property: JsonPropertyName("project_id")] string? ProjectId)
{
    public const string DefaultTokenUri = "https://oauth2.googleapis.com/token";

    /// <summary>Reads <paramref name="pathOrJson"/>: JSON when it starts with '{', otherwise a file path.</summary>
    /// <exception cref="InvalidOperationException">The key cannot be read or lacks client_email / private_key.</exception>
    public static FcmServiceAccount Load(string pathOrJson)
    {
        string json;
        try
        {
            json = pathOrJson.TrimStart().StartsWith('{') ? pathOrJson : File.ReadAllText(pathOrJson);
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException($"cannot read Push:Fcm:ServiceAccountJson file: {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new InvalidOperationException($"cannot read Push:Fcm:ServiceAccountJson file: {ex.Message}", ex);
        }

        FcmServiceAccount? account;
        try
        {
            account = JsonSerializer.Deserialize<FcmServiceAccount>(json);
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"Push:Fcm:ServiceAccountJson is not valid JSON: {ex.Message}", ex);
        }

        if (account is null || string.IsNullOrWhiteSpace(account.ClientEmail) || string.IsNullOrWhiteSpace(account.PrivateKey))
        {
            throw new InvalidOperationException("Push:Fcm:ServiceAccountJson lacks client_email or private_key");
        }

        return account;
    }
}
