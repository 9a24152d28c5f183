namespace CampaignConsole.Core.Sources;

/// <summary>A website or backend that sends events. Owns one publishable write key and one secret key.</summary>
public sealed class Source
{
    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public string WriteKey { get; private set; } = "";
    /// <summary>Kept in clear: it signs user ids (identity verification), so it must be readable.</summary>
    public string SecretKey { get; private set; } = "";
    /// <summary>When true (the default) the hub refuses a user id without a valid userHash.</summary>
    public bool EnforceIdentityVerification { get; private set; } = true;
    /// <summary>Space-separated origins allowed to connect to the hub; empty allows any.</summary>
    public string AllowedOrigins { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }

    private Source() { }

    public static Source Create(string name, string writeKey, string secretKey, DateTime now) => new()
    {
        Name = name,
        WriteKey = writeKey,
        SecretKey = secretKey,
        CreatedAt = now,
    };

    public void SetIdentityVerification(bool enforce) => EnforceIdentityVerification = enforce;

    public void SetAllowedOrigins(IEnumerable<string> origins) => AllowedOrigins = string.Join(' ', origins);

    public IReadOnlyList<string> AllowedOriginList =>
        AllowedOrigins.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
