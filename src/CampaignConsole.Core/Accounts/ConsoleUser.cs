using Microsoft.AspNetCore.Identity;

namespace CampaignConsole.Core.Accounts;

/// <summary>A marketer or support person who logs in to the console.</summary>
public sealed class ConsoleUser : IdentityUser;
