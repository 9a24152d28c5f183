using System.Text.Json.Nodes;

namespace CampaignConsole.Web.Tests.Engine;

/// <summary>
/// One app and one webhook receiver shared by the engine tests of a collection. Tests keep out of
/// each other's way by using their own campaign ids, user ids and webhook paths.
/// </summary>
public sealed class EngineFixture : IAsyncLifetime
{
    public static readonly string[] EventTypes =
        ["add_to_cart", "purchase", "viewed_item", "item_back_in_stock", "signed_up", "checkout", "refund"];

    public EngineFactory Factory { get; } = new(new Dictionary<string, string?>
    {
        ["Engine:MaxAttempts"] = "3",
        ["Engine:RetryBaseDelay"] = "00:00:00.2",
    });

    public WebhookReceiver Receiver { get; private set; } = null!;
    public HttpClient Api { get; private set; } = null!;
    public HttpClient Ingest { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync();
        Api = Factory.Api();
        Ingest = Factory.Ingest();
        await Api.EnsureEventTypesAsync(EventTypes);
    }

    public async Task DisposeAsync()
    {
        Api.Dispose();
        Ingest.Dispose();
        await Factory.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class EngineCollection : ICollectionFixture<EngineFixture>
{
    public const string Name = "engine";
}

/// <summary>Campaign definitions as the API takes them.</summary>
public static class Campaigns
{
    /// <summary>A campaign sending one webhook; <paramref name="extra"/> adds or replaces top-level members.</summary>
    public static string Webhook(string id, string trigger, string url, string body, string? extra = null)
    {
        var c = new JsonObject
        {
            ["id"] = id,
            ["name"] = "Test " + id,
            ["trigger"] = JsonNode.Parse(trigger),
            ["stages"] = new JsonArray(new JsonObject { ["send"] = new JsonObject { ["channel"] = "webhook", ["url"] = url, ["body"] = body } }),
        };
        if (extra is not null)
            foreach (var (key, value) in JsonNode.Parse(extra)!.AsObject())
                c[key] = value?.DeepClone();
        return c.ToJsonString();
    }

    public static string OnEvent(string eventName, string? whereJson = null) =>
        whereJson is null ? $$"""{"type":"event","event":"{{eventName}}"}""" : $$"""{"type":"event","event":"{{eventName}}","where":{{whereJson}}}""";
}
