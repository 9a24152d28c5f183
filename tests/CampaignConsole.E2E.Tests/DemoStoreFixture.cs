using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

// Collections run one after another: the real-time latency assertion must not share two cores with
// another collection's server and browser.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace CampaignConsole.E2E.Tests;

/// <summary>A server started with the demo data (Demo__Seed=true: the store's campaigns) and one Chromium.</summary>
public sealed class DemoStoreFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public ServerProcess Server { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("CC_CHROMIUM") is { Length: > 0 } p ? p : ConsoleFixture.ChromiumPath;
        if (!File.Exists(chromium))
            throw new InvalidOperationException($"Chromium is missing at {chromium}: install it with `apt-get install -y chromium`; do not run `playwright install`.");
        Assertions.SetDefaultExpectTimeout(20_000);
        Server = await ServerProcess.StartAsync(demoSeed: true);
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
        // A context per page: its own localStorage, so every shopper starts as a new visitor.
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Server.BaseUrl.ToString() });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    public HttpClient SecretKeyClient()
    {
        var http = new HttpClient { BaseAddress = Server.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ServerProcess.SecretKey);
        return http;
    }

    public HttpClient WriteKeyClient()
    {
        var http = new HttpClient { BaseAddress = Server.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(ServerProcess.WriteKey + ":")));
        return http;
    }

    public async Task TrackAsync(string userId, string eventName, object properties)
    {
        using var http = WriteKeyClient();
        using var response = await http.PostAsJsonAsync("/v1/batch", new
        {
            batch = new object[]
            {
                new { type = "track", messageId = Guid.NewGuid().ToString(), userId, @event = eventName, properties, timestamp = DateTime.UtcNow.ToString("O") },
            },
        });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"/v1/batch answered {(int)response.StatusCode}: {text}");
    }

    /// <summary>Creates and activates an on-site campaign on its own event (the event type is created first).</summary>
    public async Task CreateOnSiteCampaignAsync(string id, string eventName, string title, string body)
    {
        using var api = SecretKeyClient();
        using (var type = await api.PostAsJsonAsync("/api/v1/event-types", new { name = eventName, category = "Other", kind = "customer" }))
            Assert.True(type.IsSuccessStatusCode || type.StatusCode == HttpStatusCode.Conflict, $"event type: {(int)type.StatusCode} {await type.Content.ReadAsStringAsync()}");
        var definition = new
        {
            id,
            name = "E2E " + id,
            trigger = new { type = "event", @event = eventName },
            frequency = new { mode = "each-time" },
            stages = new object[] { new { send = new { channel = "on-site", title, body } } },
            respectGlobalCaps = false,
        };
        using (var created = await api.PostAsJsonAsync("/api/v1/campaigns", definition))
            Assert.True(created.StatusCode == HttpStatusCode.Created, $"create {id}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        using var activated = await api.PostAsync($"/api/v1/campaigns/{id}/activate", null);
        Assert.True(activated.IsSuccessStatusCode, $"activate {id}: {(int)activated.StatusCode}");
    }

    /// <summary>Waits until the campaign's delivery to that user is stored as sent.</summary>
    public async Task WaitSentAsync(string campaignId, string userId)
    {
        using var api = SecretKeyClient();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var page = await api.GetFromJsonAsync<JsonElement>($"/api/v1/campaigns/{campaignId}/deliveries?take=500");
            if (page.GetProperty("items").EnumerateArray().Any(d =>
                    d.GetProperty("userId").GetString() == userId && string.Equals(d.GetProperty("status").GetString(), "sent", StringComparison.OrdinalIgnoreCase)))
                return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{campaignId} was not sent to {userId} within 20 s: {page}");
            await Task.Delay(100);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DemoStoreCollection : ICollectionFixture<DemoStoreFixture>
{
    public const string Name = "demo-store";
}
