using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CampaignConsole.Web.Tests.Infrastructure;
using static CampaignConsole.Web.Tests.Infrastructure.Segment;

namespace CampaignConsole.Web.Tests.Api;

[Collection(ApiCollection.Name)]
public class IngestAuthTests(CampaignApiFactory app)
{
    private static AuthenticationHeaderValue Basic(string key) => new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(key + ":")));

    private async Task<int> StoredCountAsync(string userId) => (await app.CreateSecretKeyClient().EventsAsync($"userId={userId}")).Count;

    [Fact]
    public async Task Write_key_as_basic_user_name_ingests()
    {
        var user = NewId("user");

        await app.CreateWriteKeyClient().SendAsync(Track(user, "viewed_item"));

        Assert.Equal(1, await StoredCountAsync(user));
    }

    [Fact]
    public async Task Write_key_in_the_body_ingests()
    {
        var user = NewId("user");
        var body = Batch(Track(user, "viewed_item"));
        body["writeKey"] = CampaignApiFactory.WriteKey;

        using var response = await app.CreateAnonymousClient().PostAsJsonAsync("/v1/batch", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await StoredCountAsync(user));
    }

    [Fact]
    public async Task Unknown_write_key_is_refused_with_401()
    {
        var user = NewId("user");

        using var response = await app.CreateWriteKeyClient("wk_nobody_knows_this").PostAsJsonAsync("/v1/batch", Batch(Track(user, "e")));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(0, await StoredCountAsync(user));
    }

    [Fact]
    public async Task Unknown_write_key_in_the_body_is_refused_with_401()
    {
        var body = Batch(Track(NewId("user"), "e"));
        body["writeKey"] = "wk_nobody_knows_this";

        using var response = await app.CreateAnonymousClient().PostAsJsonAsync("/v1/batch", body);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Ingestion_without_a_key_is_refused_with_401()
    {
        using var response = await app.CreateAnonymousClient().PostAsJsonAsync("/v1/batch", Batch(Track(NewId("user"), "e")));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Secret_key_on_ingestion_is_refused_with_403()
    {
        var user = NewId("user");
        foreach (var header in new[] { Basic(CampaignApiFactory.SecretKey), new AuthenticationHeaderValue("Bearer", CampaignApiFactory.SecretKey) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/batch") { Content = JsonContent.Create(Batch(Track(user, "e"))) };
            request.Headers.Authorization = header;

            using var response = await app.CreateAnonymousClient().SendAsync(request);

            var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
            Assert.Contains("secret key", problem["detail"]!.GetValue<string>());
        }
        Assert.Equal(0, await StoredCountAsync(user));
    }

    [Fact]
    public async Task Write_key_on_the_backend_api_is_refused_with_403()
    {
        foreach (var header in new[] { Basic(CampaignApiFactory.WriteKey), new AuthenticationHeaderValue("Bearer", CampaignApiFactory.WriteKey) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/events");
            request.Headers.Authorization = header;

            using var response = await app.CreateAnonymousClient().SendAsync(request);

            await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        }
    }

    [Theory]
    [InlineData("/api/v1/events")]
    [InlineData("/api/v1/event-types")]
    [InlineData("/api/v1/users/someone")]
    public async Task Backend_api_without_a_key_is_refused_with_401(string url)
    {
        using var response = await app.CreateAnonymousClient().GetAsync(url);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Backend_api_with_an_unknown_key_is_refused_with_401()
    {
        using var response = await app.CreateSecretKeyClient("sk_nobody_knows_this").GetAsync("/api/v1/events");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Secret_key_opens_the_backend_api()
    {
        var page = await app.CreateSecretKeyClient().GetJsonAsync("/api/v1/events?limit=1");

        Assert.IsType<JsonArray>(page["items"]);
    }
}
