using System.Security.Cryptography;
using CampaignConsole.Core.Demo;
using CampaignConsole.Core.Sources;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CampaignConsole.Core.Accounts;

/// <summary>
/// Creates the console's first login: the configured one, the demo one on a demo install, or a
/// generated password shown once, so a fresh install is never left without a way in.
/// </summary>
internal sealed class AdminBootstrapper(IServiceScopeFactory scopes, IOptions<BootstrapOptions> options,
    IOptions<DemoOptions> demo, StartupReport report) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ConsoleUser>>();
        var o = options.Value;

        if (!string.IsNullOrWhiteSpace(o.AdminEmail) && !string.IsNullOrWhiteSpace(o.AdminPassword))
        {
            await EnsureAsync(users, o.AdminEmail.Trim(), o.AdminPassword, overwrite: true);
            report.AdminEmail = o.AdminEmail.Trim();
            report.AdminPassword = o.AdminPassword;
            return;
        }
        if (demo.Value.Seed)
        {
            // A demo install has a published login; it is recreated only if it is missing.
            var created = await EnsureAsync(users, DemoOptions.AdminEmail, DemoOptions.AdminPassword, overwrite: false);
            report.AdminEmail = DemoOptions.AdminEmail;
            report.AdminPassword = created || await users.FindByEmailAsync(DemoOptions.AdminEmail) is { } u
                && await users.CheckPasswordAsync(u, DemoOptions.AdminPassword) ? DemoOptions.AdminPassword : null;
            return;
        }
        if (!users.Users.Any())
        {
            var password = "Cc-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(9));
            await EnsureAsync(users, "admin@localhost", password, overwrite: false);
            report.AdminEmail = "admin@localhost";
            report.AdminPassword = password;
        }
    }

    private static async Task<bool> EnsureAsync(UserManager<ConsoleUser> users, string email, string password, bool overwrite)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new ConsoleUser { UserName = email, Email = email, EmailConfirmed = true };
            Check(await users.CreateAsync(user, password));
            return true;
        }
        if (overwrite)
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            Check(await users.ResetPasswordAsync(user, token, password));
        }
        return false;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException("Could not create the console login: " +
                string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
