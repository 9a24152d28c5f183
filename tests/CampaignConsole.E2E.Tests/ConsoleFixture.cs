using Microsoft.Playwright;

namespace CampaignConsole.E2E.Tests;

/// <summary>One server process and one Chromium for the whole E2E collection.</summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public ServerProcess Server { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("CC_CHROMIUM") is { Length: > 0 } p ? p : ChromiumPath;
        // Fail, never skip: a missing browser must not turn the E2E suite green.
        if (!File.Exists(chromium))
            throw new InvalidOperationException(
                $"Chromium is missing at {chromium}: the E2E tests need it. Install it with `apt-get update && apt-get install -y chromium` " +
                "(the project's test script does this). Do not run `playwright install`.");

        // Expect() waits 5 s by default: too short for a first Blazor circuit on a loaded 2-core machine.
        Assertions.SetDefaultExpectTimeout(20_000);
        Server = await ServerProcess.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (Server is not null) await Server.DisposeAsync();
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Server.BaseUrl.ToString() });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "console";
}
