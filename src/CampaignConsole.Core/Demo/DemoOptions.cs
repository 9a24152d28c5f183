namespace CampaignConsole.Core.Demo;

public sealed class DemoOptions
{
    public const string Section = "Demo";
    public const string AdminEmail = "admin@example.com";
    public const string AdminPassword = "Demo-Console-1";

    /// <summary>Seed demo customers, events and campaigns into an empty database. On by default for SQLite.</summary>
    public bool Seed { get; set; }
}
