using System.Text.Json;
using static CampaignConsole.Web.Tests.Engine.EngineHttp;

namespace CampaignConsole.Web.Tests.Engine;

public sealed class GlobalDailyCapTests : IAsyncLifetime
{
    private readonly EngineFactory _factory = new(new Dictionary<string, string?> { ["Engine:GlobalDailyCap"] = "1" });
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task The_global_daily_cap_suppresses_the_second_campaigns_message_with_the_reason_on_the_timeline()
    {
        using var api = _factory.Api();
        using var ingest = _factory.Ingest();
        await api.EnsureEventTypesAsync("signed_up", "checkout");
        const string user = "capped-user";
        await ingest.BatchAsync(Identify(user, new { name = "Capped" }));
        await api.CreateActiveCampaignAsync(Campaigns.Webhook("welcome", Campaigns.OnEvent("signed_up"), _receiver.Url("welcome"), "{}"));
        await api.CreateActiveCampaignAsync(Campaigns.Webhook("checkout-thanks", Campaigns.OnEvent("checkout"), _receiver.Url("checkout-thanks"), "{}"));
        await api.CreateActiveCampaignAsync(Campaigns.Webhook("uncapped", Campaigns.OnEvent("checkout"), _receiver.Url("uncapped"), "{}",
            """{"respectGlobalCaps":false}"""));

        await ingest.BatchAsync(Track(user, "signed_up"));
        await Eventually.WaitAsync(() => _receiver.Calls("welcome").Count == 1, "the first campaign's message");
        await ingest.BatchAsync(Track(user, "checkout"));

        await Eventually.WaitAsync(async () => (await Messages(api, user)).Any(m => m.GetProperty("name").GetString()!.StartsWith("checkout-thanks", StringComparison.Ordinal)),
            "the second campaign's decision on the timeline");
        var suppressed = (await Messages(api, user)).Single(m => m.GetProperty("name").GetString()!.StartsWith("checkout-thanks", StringComparison.Ordinal));
        Assert.Equal("suppressed: global daily cap (1 a day)", suppressed.GetProperty("status").GetString());
        Assert.Equal("global daily cap (1 a day)", suppressed.GetProperty("detail").GetProperty("reason").GetString());
        // A campaign that does not respect global caps still sends.
        await Eventually.ExactlyAsync(_receiver, "uncapped", 1);
        await Eventually.ExactlyAsync(_receiver, "checkout-thanks", 0, TimeSpan.Zero);
        Assert.Single(_receiver.Calls("welcome"));
    }

    private static async Task<List<JsonElement>> Messages(HttpClient api, string user) =>
        (await api.GetJsonAsync($"/api/v1/users/{user}/timeline")).GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("kind").GetString() == "message").ToList();
}
