using System.Security.Cryptography;
using System.Text;

namespace CampaignConsole.Core.Delivery;

/// <summary>
/// The <c>X-Campaign-Signature</c> scheme (as Stripe's): <c>sha256=</c> + lowercase hex
/// HMAC-SHA256(key = UTF-8 signing secret, message = <c>{X-Campaign-Timestamp}.{raw body bytes}</c>).
/// Signing the timestamp lets receivers refuse replays older than a few minutes.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-Campaign-Signature";
    public const string TimestampHeader = "X-Campaign-Timestamp";
    public const string DeliveryIdHeader = "X-Campaign-Delivery-Id";

    public static string Compute(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(unixSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return "sha256=" + Convert.ToHexStringLower(mac);
    }

    /// <summary>For receivers and tests: constant-time comparison of a received header.</summary>
    public static bool Verify(string secret, long unixSeconds, ReadOnlySpan<byte> body, string? header) =>
        header is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Compute(secret, unixSeconds, body)), Encoding.ASCII.GetBytes(header));
}
