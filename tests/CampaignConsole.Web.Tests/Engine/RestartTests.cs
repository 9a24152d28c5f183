using System.Net.Http.Json;
using System.Text.Json;
using static CampaignConsole.Web.Tests.Engine.EngineHttp;

namespace CampaignConsole.Web.Tests.Engine;

public sealed class RestartTests : IAsyncLifetime
{
    private const int Audience = 600;
    private const string Campaign = "restock-all";
    private readonly string _database = EngineFactory.NewDatabasePath();
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        EngineFactory.DeleteDatabase(_database);
    }

    private static Dictionary<string, string?> Settings => new()
    {
        // Few sends at a time to a slow receiver: the fan-out is still under way when the app stops.
        ["Engine:SendConcurrency"] = "4",
    };

    [Fact]
    public async Task A_system_event_fan_out_interrupted_by_a_restart_reaches_everyone_exactly_once()
    {
        _receiver.AnswerAfter(Campaign, TimeSpan.FromMilliseconds(40));
        var users = Enumerable.Range(1, Audience).Select(i => $"r{i:D4}").ToList();
        int receivedBeforeStop;

        await using (var first = new EngineFactory(Settings, _database, deleteDatabaseOnDispose: false))
        {
            using var api = first.Api();
            using var ingest = first.Ingest();
            await api.EnsureEventTypesAsync("item_back_in_stock");
            await ingest.BatchAsync([.. users.Select(u => Identify(u, new { uid = u, cohort = "restock" }))]);
            await ingest.BatchAsync(Identify("outsider", new { uid = "outsider", cohort = "other" }));
            await api.CreateActiveCampaignAsync(Campaigns.Webhook(Campaign, """{"type":"system-event","event":"item_back_in_stock"}""",
                _receiver.Url(Campaign), """{"uid":"{{ Profile.uid }}","sku":"{{ Event.sku }}"}""",
                """{"audience":{"rules":{"attribute":"cohort","op":"eq","value":"restock"}}}"""));

            var raised = await api.PostAsJsonAsync("/api/v1/system-events", new { name = "item_back_in_stock", context = new { sku = "A1" }, messageId = "restock-A1" });
            Assert.True(raised.IsSuccessStatusCode);

            await Eventually.WaitAsync(() => _receiver.Calls(Campaign).Count >= 20, "the first webhooks of the fan-out");
            receivedBeforeStop = _receiver.Calls(Campaign).Count;
        }
        var afterStop = _receiver.Calls(Campaign).Count;
        Assert.True(afterStop < Audience, $"the app stopped mid-way ({afterStop} of {Audience} sent)");

        await using (var second = new EngineFactory(Settings, _database, deleteDatabaseOnDispose: false))
        {
            using var api = second.Api();
            await Eventually.WaitAsync(() => _receiver.Calls(Campaign).Select(Uid).Distinct().Count() >= Audience,
                $"every contact reached after the restart; {_receiver.Calls(Campaign).Select(Uid).Distinct().Count()} so far", TimeSpan.FromSeconds(120));
            await Task.Delay(TimeSpan.FromSeconds(2));

            var calls = _receiver.Calls(Campaign);
            var perUser = calls.GroupBy(Uid).ToDictionary(g => g.Key, g => g.ToList());
            Assert.Equal(users.Order(), perUser.Keys.Order());
            var twice = perUser.Where(p => p.Value.Count > 1).Select(p => $"{p.Key}: deliveries {string.Join(",", p.Value.Select(c => c.Header("X-Campaign-Delivery-Id")))}").ToList();
            Assert.True(twice.Count == 0, $"{twice.Count} contacts got more than one webhook (stopped after {receivedBeforeStop}/{afterStop}):\n{string.Join("\n", twice)}");
            Assert.All(calls, c => Assert.Equal("A1", JsonDocument.Parse(c.Body).RootElement.GetProperty("sku").GetString()));

            var page1 = await api.GetJsonAsync($"/api/v1/campaigns/{Campaign}/deliveries?take=500");
            var page2 = await api.GetJsonAsync($"/api/v1/campaigns/{Campaign}/deliveries?skip=500&take=500");
            Assert.Equal(Audience, page1.GetProperty("total").GetInt32());
            var deliveries = page1.GetProperty("items").EnumerateArray().Concat(page2.GetProperty("items").EnumerateArray()).ToList();
            Assert.Equal(Audience, deliveries.Count);
            Assert.All(deliveries, d => Assert.Equal("sent", d.GetProperty("status").GetString()));
            Assert.Equal(Audience, deliveries.Select(d => d.GetProperty("id").GetInt64()).Distinct().Count());
        }
    }

    private static string Uid(ReceivedWebhook w) => JsonDocument.Parse(w.Body).RootElement.GetProperty("uid").GetString()!;
}
