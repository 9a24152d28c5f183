using System.Net;
using System.Text.RegularExpressions;
using CampaignConsole.Web.Tests.Infrastructure;

namespace CampaignConsole.Web.Tests.Api;

[Collection(ApiCollection.Name)]
public partial class ConsoleLoginTests(CampaignApiFactory app)
{
    [GeneratedRegex("""name="__RequestVerificationToken"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="__RequestVerificationToken" """)]
    private static partial Regex AntiforgeryToken();

    /// <summary>Does what a browser does: GET the login page, then post its form with the token it carries.</summary>
    private static async Task<HttpResponseMessage> LogInAsync(HttpClient client, string email, string password, string path = "/account/login")
    {
        var page = await client.GetStringAsync(path);
        var match = AntiforgeryToken().Match(page);
        Assert.True(match.Success, "the login form carries no antiforgery token");
        var token = WebUtility.HtmlDecode(match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value);
        return await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/events")]
    [InlineData("/customers")]
    [InlineData("/event-types")]
    public async Task Console_pages_redirect_to_the_login_when_not_logged_in(string path)
    {
        using var response = await app.CreateAnonymousClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Login_page_is_open_to_everyone()
    {
        using var response = await app.CreateAnonymousClient().GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Log in", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Logging_in_through_the_form_opens_the_console()
    {
        using var client = app.CreateAnonymousClient();

        using var login = await LogInAsync(client, CampaignApiFactory.AdminEmail, CampaignApiFactory.AdminPassword);

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal));
        using var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Overview", await home.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Login_returns_to_the_page_asked_for()
    {
        using var client = app.CreateAnonymousClient();

        using var login = await LogInAsync(client, CampaignApiFactory.AdminEmail, CampaignApiFactory.AdminPassword, "/account/login?returnUrl=/events");

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.EndsWith("/events", login.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Login_never_redirects_to_another_site()
    {
        using var client = app.CreateAnonymousClient();

        using var login = await LogInAsync(client, CampaignApiFactory.AdminEmail, CampaignApiFactory.AdminPassword, "/account/login?returnUrl=//evil.example/");

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.DoesNotContain("evil", login.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Wrong_password_shows_an_error_and_sets_no_login()
    {
        using var client = app.CreateAnonymousClient();

        using var login = await LogInAsync(client, CampaignApiFactory.AdminEmail, "not-the-password");

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("Wrong email or password.", await login.Content.ReadAsStringAsync());
        using var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
    }

    [Fact]
    public async Task Console_cookie_does_not_open_the_backend_api()
    {
        using var client = app.CreateAnonymousClient();
        using var login = await LogInAsync(client, CampaignApiFactory.AdminEmail, CampaignApiFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        using var response = await client.GetAsync("/api/v1/events");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }
}
