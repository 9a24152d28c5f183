using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CampaignConsole.Web.Tests.Infrastructure;

/// <summary>Builds Segment-spec messages the way an SDK sends them.</summary>
internal static class Segment
{
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    public static JsonObject Track(string? userId, string eventName, object? properties = null, string? anonymousId = null,
        string? messageId = null, DateTimeOffset? timestamp = null) =>
        Message("track", userId, anonymousId, messageId, timestamp, ("event", eventName), ("properties", properties ?? new { }));

    public static JsonObject Identify(string? userId, object traits, string? anonymousId = null, string? messageId = null) =>
        Message("identify", userId, anonymousId, messageId, null, ("traits", traits));

    public static JsonObject Page(string? userId, string name, string? anonymousId = null) =>
        Message("page", userId, anonymousId, null, null, ("name", name));

    /// <summary>A batch of copies, so one message can be sent again (a retry).</summary>
    public static JsonObject Batch(params JsonObject[] messages) => new() { ["batch"] = new JsonArray([.. messages.Select(m => m.DeepClone())]) };

    public static JsonObject Message(string type, string? userId, string? anonymousId, string? messageId, DateTimeOffset? timestamp,
        params (string Name, object Value)[] fields)
    {
        var m = new JsonObject { ["type"] = type, ["messageId"] = messageId ?? NewId("msg") };
        if (userId is not null) m["userId"] = userId;
        if (anonymousId is not null) m["anonymousId"] = anonymousId;
        if (timestamp is not null) m["timestamp"] = timestamp.Value.ToString("O");
        foreach (var (name, value) in fields) m[name] = JsonSerializer.SerializeToNode(value);
        return m;
    }

    /// <summary>Posts to <c>/v1/batch</c> and insists on Segment's <c>{"success":true}</c>.</summary>
    public static async Task SendAsync(this HttpClient client, params JsonObject[] messages)
    {
        using var response = await client.PostAsJsonAsync("/v1/batch", Batch(messages));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        Assert.True(JsonNode.Parse(body)!["success"]!.GetValue<bool>(), body);
    }

    public static async Task<JsonObject> GetJsonAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url} → {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>All pages of the event history for a filter, following nextCursor.</summary>
    public static async Task<List<JsonObject>> EventsAsync(this HttpClient client, string query)
    {
        var items = new List<JsonObject>();
        string? cursor = null;
        do
        {
            var page = await client.GetJsonAsync($"/api/v1/events?{query}&limit=500" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            items.AddRange(page["items"]!.AsArray().Select(i => i!.AsObject()));
            cursor = page["nextCursor"]?.GetValue<string>();
        } while (cursor is not null);
        return items;
    }
}
