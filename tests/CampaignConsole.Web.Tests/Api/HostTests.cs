using System.Net;
using System.Text.Json.Nodes;
using CampaignConsole.Web.Tests.Infrastructure;

namespace CampaignConsole.Web.Tests.Api;

[Collection(ApiCollection.Name)]
public class HostTests(CampaignApiFactory app)
{
    [Fact]
    public async Task Health_answers_200_when_ready()
    {
        using var response = await app.CreateAnonymousClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OpenApi_document_is_json_listing_ingestion_and_the_backend_api()
    {
        using var response = await app.CreateAnonymousClient().GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/v1/batch", paths);
        Assert.Contains("/v1/track", paths);
        Assert.Contains("/api/v1/events", paths);
        Assert.Contains("/api/v1/event-types", paths);
        Assert.Contains("/api/v1/users/{userId}/timeline", paths);
        Assert.Equal("Campaign Console API", document["info"]!["title"]!.GetValue<string>());
        var schemes = document["components"]!["securitySchemes"]!.AsObject();
        Assert.True(schemes.ContainsKey("secretKey"));
        Assert.True(schemes.ContainsKey("writeKey"));
    }

    [Fact]
    public async Task Configured_keys_were_bootstrapped()
    {
        using var response = await app.CreateSecretKeyClient().GetAsync("/api/v1/events?limit=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
