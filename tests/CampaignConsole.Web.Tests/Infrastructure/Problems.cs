using System.Net;
using System.Text.Json.Nodes;

namespace CampaignConsole.Web.Tests.Infrastructure;

internal static class Problems
{
    /// <summary>Asserts an RFC 7807 answer with that status and returns its body.</summary>
    public static async Task<JsonObject> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!.AsObject();
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()), body);
        return problem;
    }

    /// <summary>Asserts a 400 validation problem whose <c>errors</c> name exactly these fields.</summary>
    public static async Task<JsonObject> AssertValidationProblemAsync(this HttpResponseMessage response, params string[] fields)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem["errors"]?.AsObject();
        Assert.NotNull(errors);
        Assert.Equal(fields.Order(StringComparer.Ordinal), errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        return problem;
    }
}
