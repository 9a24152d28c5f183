using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CampaignConsole.E2E.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class ConsoleTests(ConsoleFixture fixture) : IAsyncLifetime
{
    private IPage _page = null!;

    public async Task InitializeAsync() => _page = await fixture.NewPageAsync();

    public async Task DisposeAsync() => await _page.Context.CloseAsync();

    [Fact]
    public async Task Ingested_event_is_found_in_the_event_history_with_its_parameters()
    {
        await LogInAsync(ServerProcess.AdminEmail, ServerProcess.AdminPassword);
        await Expect(_page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await Expect(_page.GetByText(ServerProcess.AdminEmail)).ToBeVisibleAsync(); // the app bar shows who is logged in

        var id = Guid.NewGuid().ToString("N")[..12];
        var name = $"e2e_checkout_{id}";
        var marker = $"marker-{id}";
        await IngestAsync(new
        {
            batch = new object[]
            {
                new
                {
                    type = "track",
                    messageId = $"msg-{id}",
                    userId = $"e2e-user-{id}",
                    @event = name,
                    properties = new { sku = "E2E-SKU", marker, price = 42.5 },
                    timestamp = DateTime.UtcNow.ToString("O"),
                },
            },
            sentAt = DateTime.UtcNow.ToString("O"),
        });

        await _page.GotoAsync("/events");
        await WaitInteractiveAsync();

        var nameFilter = _page.Locator("input[data-test=filter-name], [data-test=filter-name] input").First;
        await nameFilter.FillAsync(name);
        await nameFilter.PressAsync("Tab"); // MudTextField binds on change
        await _page.Locator("[data-test=search]").ClickAsync();

        var table = _page.Locator("[data-test=events-table]");
        var cell = table.Locator("[data-test=event-name]", new() { HasTextString = name });
        await Expect(cell).ToHaveCountAsync(1);
        // The filter is exact: only that event is listed.
        await Expect(table.Locator("[data-test=event-name]")).ToHaveCountAsync(1);

        await cell.ClickAsync();
        var details = _page.Locator("[data-test=event-details]");
        await Expect(details).ToBeVisibleAsync();
        await Expect(details).ToContainTextAsync(name);
        await Expect(details).ToContainTextAsync($"msg-{id}");
        var json = details.Locator("[data-test=json]").First;
        await Expect(json).ToContainTextAsync(marker);
        await Expect(json).ToContainTextAsync("E2E-SKU");
        await Expect(json).ToContainTextAsync("42.5");
    }

    [Fact]
    public async Task Wrong_password_shows_the_error_message()
    {
        await LogInAsync(ServerProcess.AdminEmail, "not-the-password-123");
        var error = _page.Locator("[data-test=login-error]");
        await Expect(error).ToBeVisibleAsync();
        await Expect(error).ToContainTextAsync("Wrong email or password");
        await Expect(_page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
    }

    [Fact]
    public async Task Console_pages_require_a_login()
    {
        await _page.GotoAsync("/events");
        await Expect(_page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await Expect(_page.Locator("#email")).ToBeVisibleAsync();
    }

    private async Task LogInAsync(string email, string password)
    {
        await _page.GotoAsync("/account/login");
        await _page.Locator("#email").FillAsync(email);
        await _page.Locator("#password").FillAsync(password);
        // A plain form POST: the callers' Expect assertions wait for the page it leads to.
        await _page.Locator("button[type=submit]").ClickAsync();
    }

    /// <summary>The prerendered page arrives before the circuit is live; MainLayout marks it.</summary>
    private async Task WaitInteractiveAsync() =>
        await _page.Locator("[data-interactive=yes]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    private async Task IngestAsync(object body)
    {
        using var http = new HttpClient { BaseAddress = fixture.Server.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(ServerProcess.WriteKey + ":")));
        using var response = await http.PostAsJsonAsync("/v1/batch", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"/v1/batch answered {(int)response.StatusCode}: {text}");
        Assert.Contains("\"success\":true", text, StringComparison.Ordinal);
    }
}
