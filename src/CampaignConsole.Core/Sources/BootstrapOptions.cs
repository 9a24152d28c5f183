namespace CampaignConsole.Core.Sources;

/// <summary>
/// Known keys and login created at start when set, so operators and tests can begin with
/// credentials they already hold (`Bootstrap:WriteKey` …).
/// </summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";

    public string? WriteKey { get; set; }
    public string? SecretKey { get; set; }
    public string? AdminEmail { get; set; }
    public string? AdminPassword { get; set; }
    /// <summary>Space-separated origins the default source accepts on the hub; empty: any.</summary>
    public string? AllowedOrigins { get; set; }
    /// <summary>Development convenience: allow the hub without a userHash for the default source.</summary>
    public bool? EnforceIdentityVerification { get; set; }
}

/// <summary>What start-up created or found, for the banner printed once the server listens.</summary>
public sealed class StartupReport
{
    public string? WriteKey { get; set; }
    public string? SecretKey { get; set; }
    public string? AdminEmail { get; set; }
    /// <summary>Only known when start-up chose it (demo login or a first generated password).</summary>
    public string? AdminPassword { get; set; }
    public bool DemoSeeded { get; set; }
}
