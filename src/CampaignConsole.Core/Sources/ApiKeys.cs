using System.Security.Cryptography;

namespace CampaignConsole.Core.Sources;

/// <summary>Generates keys whose prefix says what they are, so a leaked key is recognisable.</summary>
public static class ApiKeys
{
    public const string WritePrefix = "wk_";
    public const string SecretPrefix = "sk_";

    public static string NewWriteKey() => WritePrefix + RandomPart();

    public static string NewSecretKey() => SecretPrefix + RandomPart();

    private static string RandomPart() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

    /// <summary>Lowercase hex HMAC-SHA256(secret, userId): the SDK's userHash.</summary>
    public static string UserHash(string secretKey, string userId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(secretKey), System.Text.Encoding.UTF8.GetBytes(userId)));

    public static bool VerifyUserHash(string secretKey, string userId, string? userHash)
    {
        if (string.IsNullOrEmpty(userHash)) return false;
        var expected = System.Text.Encoding.ASCII.GetBytes(UserHash(secretKey, userId));
        var given = System.Text.Encoding.ASCII.GetBytes(userHash.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
