using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using static CampaignConsole.Web.Tests.Engine.EngineHttp;

namespace CampaignConsole.Web.Tests.Engine;

/// <summary>The campaign engine through its HTTP surface only: ingest, campaigns API, and what a webhook receiver gets.</summary>
[Collection(EngineCollection.Name)]
public sealed class CampaignEngineTests(EngineFixture fx)
{
    private HttpClient Api => fx.Api;
    private HttpClient Ingest => fx.Ingest;
    private WebhookReceiver Receiver => fx.Receiver;

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>
    /// An event name of this test's own, registered as an event type: campaigns of earlier tests stay
    /// active in the shared app, and must not answer this test's events (nor use up its users' daily cap).
    /// </summary>
    private async Task<string> NewEventAsync(string name)
    {
        var unique = $"{name}_{Guid.NewGuid().ToString("N")[..6]}";
        await Api.EnsureEventTypesAsync(unique);
        return unique;
    }

    private static JsonElement Body(ReceivedWebhook w) => JsonDocument.Parse(w.Body).RootElement.Clone();

    private static string Uid(ReceivedWebhook w) => Body(w).GetProperty("uid").GetString()!;

    /// <summary>A receiver's check, made independently of the app's code: HMAC-SHA256(secret, "{timestamp}.{body}").</summary>
    private static void AssertSignedWithSecretKey(ReceivedWebhook w)
    {
        var timestamp = w.Header("X-Campaign-Timestamp");
        Assert.NotNull(timestamp);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(EngineFactory.SecretKey), (byte[])[.. Encoding.UTF8.GetBytes(timestamp + "."), .. w.Body]);
        Assert.Equal("sha256=" + Convert.ToHexStringLower(mac), w.Header("X-Campaign-Signature"));
        Assert.True(Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - long.Parse(timestamp)) < 120, "the timestamp is current");
    }

    [Fact]
    public async Task Webhook_campaign_posts_rendered_bodies_signed_with_the_sources_secret_key()
    {
        var cart = await NewEventAsync("add_to_cart");
        var id = Unique("hook");
        string ada = Unique("ada"), bob = Unique("bob");
        await Ingest.BatchAsync(Identify(ada, new { name = "Ada", plan = "gold" }), Identify(bob, new { plan = "free" }));
        await Api.CreateActiveCampaignAsync(Campaigns.Webhook(id, Campaigns.OnEvent(cart), Receiver.Url(id),
            """{"greeting":"Hi {{ Profile.name | default: 'there' }}","plan":"{{ Profile.plan }}","sku":"{{ Event.sku }}","price":{{ client.eventContext.price }},"missing":"{{ Event.nothing | default: 'n/a' }}"}"""));

        await Ingest.BatchAsync(
            Track(ada, cart, new { sku = "A1", price = 30 }),
            Track(bob, cart, new { sku = "B2", price = 12.5 }),
            Track(ada, "purchase", new { sku = "A1" }));

        var calls = await Eventually.ExactlyAsync(Receiver, id, 2);
        var bodies = calls.Select(c => Body(c).ToString()).Order().ToList();
        Assert.Equal(
            [
                """{"greeting":"Hi Ada","plan":"gold","sku":"A1","price":30,"missing":"n/a"}""",
                """{"greeting":"Hi there","plan":"free","sku":"B2","price":12.5,"missing":"n/a"}""",
            ],
            bodies);
        Assert.All(calls, AssertSignedWithSecretKey);
        Assert.All(calls, c => Assert.StartsWith("application/json", c.Header("Content-Type"), StringComparison.Ordinal));
        Assert.Equal(2, calls.Select(c => c.Header("X-Campaign-Delivery-Id")).Distinct().Count());

        await Eventually.WaitAsync(async () => (await Api.DeliveriesAsync(id)).Count(d => d.GetProperty("status").GetString() == "sent") == 2,
            "both deliveries recorded as sent");
    }

    [Fact]
    public async Task Once_sends_one_webhook_for_three_concurrent_requests_for_one_user()
    {
        var cart = await NewEventAsync("add_to_cart");
        var id = Unique("once");
        var user = Unique("u");
        await Ingest.BatchAsync(Identify(user, new { name = "Once" }));
        await Api.CreateActiveCampaignAsync(Campaigns.Webhook(id, Campaigns.OnEvent(cart), Receiver.Url(id), """{"uid":"{{ Profile.name }}"}""",
            """{"frequency":{"mode":"once"}}"""));

        await Task.WhenAll(Enumerable.Range(0, 3).Select(i => Ingest.BatchAsync(Track(user, cart, new { n = i }))));

        await Eventually.ExactlyAsync(Receiver, id, 1, TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Once_per_hour_sends_one_message_for_three_events_in_an_hour()
    {
        var cart = await NewEventAsync("add_to_cart");
        var id = Unique("hourly");
        string user = Unique("u"), other = Unique("u");
        await Ingest.BatchAsync(Identify(user, new { }), Identify(other, new { }));
        await Api.CreateActiveCampaignAsync(Campaigns.Webhook(id, Campaigns.OnEvent(cart), Receiver.Url(id), """{"uid":"{{ Event.uid }}"}""",
            """{"frequency":{"mode":"once-per","period":"PT1H"}}"""));

        await Ingest.BatchAsync(Track(user, cart, new { uid = user }));
        await Ingest.BatchAsync(Track(user, cart, new { uid = user }), Track(other, cart, new { uid = other }));
        await Ingest.BatchAsync(Track(user, cart, new { uid = user }));

        var calls = await Eventually.ExactlyAsync(Receiver, id, 2);
        Assert.Equal(new[] { other, user }.Order(), calls.Select(Uid).Order());
    }

    [Fact]
    public async Task Each_time_sends_one_message_per_event()
    {
        var cart = await NewEventAsync("add_to_cart");
        var id = Unique("each");
        var user = Unique("u");
        await Ingest.BatchAsync(Identify(user, new { }));
        await Api.CreateActiveCampaignAsync(Campaigns.Webhook(id, Campaigns.OnEvent(cart), Receiver.Url(id), """{"n":{{ Event.n }}}""",
            """{"frequency":{"mode":"each-time"}}"""));

        await Ingest.BatchAsync(Track(user, cart, new { n = 1 }), Track(user, cart, new { n = 2 }));
        await Ingest.BatchAsync(Track(user, cart, new { n = 3 }));

        var calls = await Eventually.ExactlyAsync(Receiver, id, 3);
        Assert.Equal([1, 2, 3], calls.Select(c => Body(c).GetProperty("n").GetInt32()).Order());
    }

    [Fact]
    public async Task The_trigger_where_filter_lets_only_matching_events_through()
    {
        var cart = await NewEventAsync("add_to_cart");
        var id = Unique("where");
        var user = Unique("u");
        await Ingest.BatchAsync(Identify(user, new { }));
        await Api.CreateActiveCampaignAsync(Campaigns.Webhook(id,
            Campaigns.OnEvent(cart, """[{"field":"price","op":"gte","value":20},{"field":"currency","op":"in","value":["EUR","USD"]}]"""),
            Receiver.Url(id), """{"sku":"{{ Event.sku }}"}"""));

        await Ingest.BatchAsync(
            Track(user, cart, new { sku = "cheap", price = 10, currency = "EUR" }),
            Track(user, cart, new { sku = "ok-number", price = 25, currency = "EUR" }),
            Track(user, cart, new { sku = "ok-string", price = "30", currency = "usd" }),
            Track(user, cart, new { sku = "wrong-currency", price = 99, currency = "GBP" }),
            Track(user, cart, new { sku = "no-price", currency = "EUR" }));

        var calls = await Eventually.ExactlyAsync(Receiver, id, 2);
        Assert.Equal(["ok-number", "ok-string"], calls.Select(c => Body(c).GetProperty("sku").GetString()).Order());
    }

    [Fact]
    public async Task Audience_rules_exclude_users_whose_attributes_do_not_match()
    {
        var cart = await NewEventAsync("add_to_cart");
        var id = Unique("audience");
        string gold = Unique("gold"), silver = Unique("silver"), none = Unique("none"), goldYoung = Unique("young");
        await Ingest.BatchAsync(
            Identify(gold, new { plan = "Gold", age = 40 }),
            Identify(silver, new { plan = "silver", age = 40 }),
            Identify(none, new { age = 40 }),
            Identify(goldYoung, new { plan = "gold", age = "17" }));
        await Api.CreateActiveCampaignAsync(Campaigns.Webhook(id, Campaigns.OnEvent(cart), Receiver.Url(id), """{"uid":"{{ Event.uid }}"}""",
            """{"audience":{"rules":{"all":[{"attribute":"plan","op":"eq","value":"gold"},{"attribute":"age","op":"gte","value":18}]}}}"""));

        await Ingest.BatchAsync([.. new[] { gold, silver, none, goldYoung }.Select(u => Track(u, cart, new { uid = u }))]);

        var calls = await Eventually.ExactlyAsync(Receiver, id, 1);
        Assert.Equal(gold, Uid(calls[0]));
    }

    [Fact]
    public async Task A_retried_batch_triggers_nothing_twice()
    {
        var cart = await NewEventAsync("add_to_cart");
        var id = Unique("retry-batch");
        var user = Unique("u");
        await Ingest.BatchAsync(Identify(user, new { }));
        await Api.CreateActiveCampaignAsync(Campaigns.Webhook(id, Campaigns.OnEvent(cart), Receiver.Url(id), """{"n":{{ Event.n }}}"""));
        object[] batch = [Track(user, cart, new { n = 1 }, messageId: Unique("m")), Track(user, cart, new { n = 2 }, messageId: Unique("m"))];

        await Ingest.BatchAsync(batch);
        await Eventually.WaitAsync(() => Receiver.Calls(id).Count >= 2, "the first delivery of the batch");
        await Ingest.BatchAsync(batch);
        await Task.WhenAll(Ingest.BatchAsync(batch), Ingest.BatchAsync(batch));

        var calls = await Eventually.ExactlyAsync(Receiver, id, 2, TimeSpan.FromSeconds(3));
        Assert.Equal([1, 2], calls.Select(c => Body(c).GetProperty("n").GetInt32()).Order());
    }

    [Fact]
    public async Task A_system_event_reaches_exactly_the_users_who_viewed_the_item_once_per_message_id()
    {
        var id = Unique("restock");
        var sku = Unique("A1");
        string viewedOnce = Unique("v1"), viewedTwice = Unique("v2"), viewedOther = Unique("v3"), never = Unique("v4");
        await Ingest.BatchAsync(
            Identify(viewedOnce, new { uid = viewedOnce }), Identify(viewedTwice, new { uid = viewedTwice }),
            Identify(viewedOther, new { uid = viewedOther }), Identify(never, new { uid = never }),
            Track(viewedOnce, "viewed_item", new { sku }),
            Track(viewedTwice, "viewed_item", new { sku }),
            Track(viewedTwice, "viewed_item", new { sku }),
            Track(viewedOther, "viewed_item", new { sku = sku + "-other" }),
            Track(never, "purchase", new { sku }));
        await Api.CreateActiveCampaignAsync(Campaigns.Webhook(id, """{"type":"system-event","event":"item_back_in_stock"}""", Receiver.Url(id),
            """{"uid":"{{ Profile.uid }}","sku":"{{ Event.sku }}"}""",
            """{"audience":{"rules":{"event":"viewed_item","count":{"op":"gte","value":1},"within":"P30D","where":[{"field":"sku","op":"eq","value":"$sku"}]}}}"""));

        var messageId = Unique("restock-msg");
        var first = await Api.PostAsJsonAsync("/api/v1/system-events", new { name = "item_back_in_stock", context = new { sku }, messageId });
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var calls = await Eventually.ExactlyAsync(Receiver, id, 2, TimeSpan.FromSeconds(1));
        var again = await Api.PostAsJsonAsync("/api/v1/system-events", new { name = "item_back_in_stock", context = new { sku }, messageId });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicate").GetBoolean());

        calls = await Eventually.ExactlyAsync(Receiver, id, 2, TimeSpan.FromSeconds(3));
        Assert.Equal(new[] { viewedOnce, viewedTwice }.Order(), calls.Select(Uid).Order());
        Assert.All(calls, c => Assert.Equal(sku, Body(c).GetProperty("sku").GetString()));
    }

    [Fact]
    public async Task The_api_trigger_merges_each_payload_over_the_shared_one_and_answers_per_recipient()
    {
        var id = Unique("api");
        var heldOutCampaign = Unique("api-control");
        string a1 = Unique("a1"), a2 = Unique("a2"), stranger = Unique("nobody");
        await Ingest.BatchAsync(Identify(a1, new { name = "Ada" }), Identify(a2, new { name = "Bob" }));
        const string body = """{"name":"{{ Profile.name }}","store":"{{ ExternalTrigger.store }}","items":"{% for p in ExternalTrigger.productDetails %}{{ p.productName }}x{{ p.qty }};{% endfor %}"}""";
        await Api.CreateActiveCampaignAsync(Campaigns.Webhook(id, """{"type":"api"}""", Receiver.Url(id), body));
        await Api.CreateActiveCampaignAsync(Campaigns.Webhook(heldOutCampaign, """{"type":"api"}""", Receiver.Url(heldOutCampaign), body,
            """{"controlGroupPercent":100}"""));

        var response = await Api.PostAsync($"/api/v1/campaigns/{id}/trigger", Json($$"""
            {
              "payload": { "store": "Main St", "productDetails": [ { "productName": "Shared", "qty": 1 } ] },
              "recipients": [
                { "userId": "{{a1}}", "payload": { "productDetails": [ { "productName": "Tea", "qty": 2 }, { "productName": "Cup", "qty": 1 } ] } },
                { "userId": "{{a2}}" },
                { "userId": "{{stranger}}", "payload": { "store": "x" } }
              ]
            }
            """));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outcomes = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recipients").EnumerateArray()
            .ToDictionary(r => r.GetProperty("userId").GetString()!, r => r.GetProperty("status").GetString());
        Assert.Equal("queued", outcomes[a1]);
        Assert.Equal("queued", outcomes[a2]);
        Assert.Equal("unknown-user", outcomes[stranger]);

        var calls = await Eventually.ExactlyAsync(Receiver, id, 2);
        Assert.Equal(
            [
                """{"name":"Ada","store":"Main St","items":"Teax2;Cupx1;"}""",
                """{"name":"Bob","store":"Main St","items":"Sharedx1;"}""",
            ],
            calls.Select(c => Body(c).ToString()).Order());

        var control = await Api.PostAsync($"/api/v1/campaigns/{heldOutCampaign}/trigger", Json($$"""{"recipients":[{"userId":"{{a1}}"}]}"""));
        var held = Assert.Single((await control.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recipients").EnumerateArray());
        Assert.Equal("suppressed", held.GetProperty("status").GetString());
        Assert.Equal("control group", held.GetProperty("reason").GetString());
        await Eventually.ExactlyAsync(Receiver, heldOutCampaign, 0, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task The_api_trigger_refuses_campaigns_it_cannot_run()
    {
        var cart = await NewEventAsync("add_to_cart");
        var eventCampaign = Unique("not-api");
        var draft = Unique("api-draft");
        await Api.CreateActiveCampaignAsync(Campaigns.Webhook(eventCampaign, Campaigns.OnEvent(cart), Receiver.Url(eventCampaign), "{}"));
        Assert.Equal(HttpStatusCode.Created, (await Api.PostAsync("/api/v1/campaigns", Json(Campaigns.Webhook(draft, """{"type":"api"}""", Receiver.Url(draft), "{}")))).StatusCode);
        var request = """{"recipients":[{"userId":"someone"}]}""";

        Assert.Equal(HttpStatusCode.NotFound, (await Api.PostAsync($"/api/v1/campaigns/{Unique("missing")}/trigger", Json(request))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.PostAsync($"/api/v1/campaigns/{eventCampaign}/trigger", Json(request))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.PostAsync($"/api/v1/campaigns/{draft}/trigger", Json(request))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.PostAsync($"/api/v1/campaigns/{draft}/trigger", Json("""{"recipients":[]}"""))).StatusCode);
    }

    [Fact]
    public async Task A_control_group_of_100_percent_sends_nothing_and_records_the_users_as_held_out()
    {
        var cart = await NewEventAsync("add_to_cart");
        var id = Unique("control");
        string u1 = Unique("u"), u2 = Unique("u");
        await Ingest.BatchAsync(Identify(u1, new { }), Identify(u2, new { }));
        await Api.CreateActiveCampaignAsync(Campaigns.Webhook(id, Campaigns.OnEvent(cart), Receiver.Url(id), "{}", """{"controlGroupPercent":100}"""));

        await Ingest.BatchAsync(Track(u1, cart), Track(u2, cart));

        await Eventually.WaitAsync(async () => (await Api.DeliveriesAsync(id)).Count == 2, "two delivery rows");
        var rows = await Api.DeliveriesAsync(id);
        Assert.All(rows, r => Assert.Equal("held-out", r.GetProperty("status").GetString()));
        Assert.All(rows, r => Assert.Equal("control group", r.GetProperty("reason").GetString()));
        Assert.Equal(new[] { u1, u2 }.Order(), rows.Select(r => r.GetProperty("userId").GetString()).Order());
        await Eventually.ExactlyAsync(Receiver, id, 0, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_targeting_cap_of_two_sends_to_two_of_five_users()
    {
        var cart = await NewEventAsync("add_to_cart");
        var id = Unique("cap");
        var users = Enumerable.Range(0, 5).Select(_ => Unique("u")).ToList();
        await Ingest.BatchAsync([.. users.Select(u => Identify(u, new { }))]);
        await Api.CreateActiveCampaignAsync(Campaigns.Webhook(id, Campaigns.OnEvent(cart), Receiver.Url(id), """{"uid":"{{ Event.uid }}"}""",
            """{"targetingCap":2}"""));

        await Task.WhenAll(users.Select(u => Ingest.BatchAsync(Track(u, cart, new { uid = u }))));

        var calls = await Eventually.ExactlyAsync(Receiver, id, 2, TimeSpan.FromSeconds(3));
        Assert.Equal(2, calls.Select(Uid).Distinct().Count());
        Assert.Subset(users.ToHashSet(), calls.Select(Uid).ToHashSet());
        Assert.Equal(2, (await Api.GetJsonAsync($"/api/v1/campaigns/{id}")).GetProperty("entered").GetInt32());
    }

    [Fact]
    public async Task A_stop_event_before_the_wait_ends_suppresses_the_send()
    {
        var cart = await NewEventAsync("add_to_cart");
        var id = Unique("stop");
        string buyer = Unique("buyer"), browser = Unique("browser");
        await Ingest.BatchAsync(Identify(buyer, new { }), Identify(browser, new { }));
        await Api.CreateActiveCampaignAsync(Campaigns.Webhook(id, Campaigns.OnEvent(cart), Receiver.Url(id), """{"uid":"{{ Event.uid }}"}""",
            """{"stages":[{"wait":"PT2S"},{"send":{"channel":"webhook","url":"URL","body":"{\"uid\":\"{{ Event.uid }}\"}"}}],"stopOn":[{"event":"purchase"}]}"""
                .Replace("URL", Receiver.Url(id), StringComparison.Ordinal)));

        await Ingest.BatchAsync(Track(buyer, cart, new { uid = buyer }), Track(browser, cart, new { uid = browser }));
        await Task.Delay(300);
        await Ingest.BatchAsync(Track(buyer, "purchase"));

        var calls = await Eventually.ExactlyAsync(Receiver, id, 1, TimeSpan.FromSeconds(3));
        Assert.Equal(browser, Uid(calls[0]));
    }

    [Fact]
    public async Task A_stop_event_in_the_same_batch_as_the_trigger_suppresses_the_send()
    {
        var cart = await NewEventAsync("add_to_cart");
        var id = Unique("stop-batch");
        string buyer = Unique("buyer"), browser = Unique("browser");
        await Ingest.BatchAsync(Identify(buyer, new { }), Identify(browser, new { }));
        await Api.CreateActiveCampaignAsync(Campaigns.Webhook(id, Campaigns.OnEvent(cart), Receiver.Url(id), "{}",
            """{"stages":[{"wait":"PT2S"},{"send":{"channel":"webhook","url":"URL","body":"{\"uid\":\"{{ Event.uid }}\"}"}}],"stopOn":[{"event":"purchase"}]}"""
                .Replace("URL", Receiver.Url(id), StringComparison.Ordinal)));

        // The customer bought straight away: the purchase arrives with the add-to-cart, before the engine has seen either.
        await Ingest.BatchAsync(Track(buyer, cart, new { uid = buyer }), Track(buyer, "purchase"), Track(browser, cart, new { uid = browser }));

        var calls = await Eventually.ExactlyAsync(Receiver, id, 1, TimeSpan.FromSeconds(3));
        Assert.Equal(browser, Uid(calls[0]));
    }

    [Fact]
    public async Task A_goal_event_after_the_trigger_counts_a_conversion_even_in_the_same_batch()
    {
        var cart = await NewEventAsync("add_to_cart");
        var purchase = await NewEventAsync("purchase");
        var id = Unique("goal");
        string quick = Unique("quick"), later = Unique("later"), browser = Unique("browser"), stranger = Unique("stranger");
        await Ingest.BatchAsync(Identify(quick, new { }), Identify(later, new { }), Identify(browser, new { }), Identify(stranger, new { }));
        await Api.CreateActiveCampaignAsync(Campaigns.Webhook(id, Campaigns.OnEvent(cart), Receiver.Url(id), "{}",
            $$$"""{"goal":{"event":"{{{purchase}}}","within":"P1D"}}"""));

        await Ingest.BatchAsync(Track(quick, cart), Track(quick, purchase), Track(later, cart), Track(browser, cart), Track(stranger, purchase));
        await Eventually.ExactlyAsync(Receiver, id, 3);
        await Ingest.BatchAsync(Track(later, purchase));

        await Eventually.WaitAsync(async () => (await Api.GetJsonAsync($"/api/v1/campaigns/{id}/stats")).GetProperty("converted").GetInt32() == 2,
            "two of the three who entered bought");
        var stats = await Api.GetJsonAsync($"/api/v1/campaigns/{id}/stats");
        Assert.Equal(3, stats.GetProperty("journeys").GetInt32());
        Assert.Equal(3, stats.GetProperty("deliveries").GetProperty("sent").GetInt32());
    }

    [Fact]
    public async Task A_failing_webhook_is_retried_and_ends_failed_with_a_reason_after_three_attempts()
    {
        var cart = await NewEventAsync("add_to_cart");
        var id = Unique("failing");
        var user = Unique("u");
        Receiver.AnswerWith(id, 500);
        await Ingest.BatchAsync(Identify(user, new { }));
        await Api.CreateActiveCampaignAsync(Campaigns.Webhook(id, Campaigns.OnEvent(cart), Receiver.Url(id), """{"x":1}"""));

        await Ingest.BatchAsync(Track(user, cart));

        await Eventually.WaitAsync(async () => (await Api.DeliveriesAsync(id)).Any(d => d.GetProperty("status").GetString() == "failed"), "the delivery to fail");
        var row = Assert.Single(await Api.DeliveriesAsync(id));
        Assert.Equal(3, row.GetProperty("attempts").GetInt32());
        var reason = row.GetProperty("reason").GetString();
        Assert.Contains("3 attempts", reason, StringComparison.Ordinal);
        Assert.Contains("500", reason, StringComparison.Ordinal);
        var calls = await Eventually.ExactlyAsync(Receiver, id, 3, TimeSpan.FromSeconds(1));
        Assert.Single(calls.Select(c => c.Header("X-Campaign-Delivery-Id")).Distinct());
        Assert.All(calls, AssertSignedWithSecretKey);
    }

    [Fact]
    public async Task A_template_that_does_not_parse_is_refused_with_its_position_and_nothing_is_saved()
    {
        var cart = await NewEventAsync("add_to_cart");
        var id = Unique("bad-template");

        var response = await Api.PostAsync("/api/v1/campaigns", Json(Campaigns.Webhook(id, Campaigns.OnEvent(cart), Receiver.Url(id),
            "{\n  \"name\": \"{{ Profile.name | }}\"\n}")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        var message = Assert.Single(errors.GetProperty("stages[0].send.body").EnumerateArray()).GetString();
        Assert.Matches(@"^line 2, column \d+: ", message);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync($"/api/v1/campaigns/{id}")).StatusCode);
        Assert.DoesNotContain((await Api.GetJsonAsync("/api/v1/campaigns")).EnumerateArray(), c => c.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task A_campaign_on_an_unknown_event_type_is_refused()
    {
        var id = Unique("unknown-event");

        var response = await Api.PostAsync("/api/v1/campaigns", Json(Campaigns.Webhook(id, Campaigns.OnEvent(Unique("never_seen")), Receiver.Url(id), "{}",
            """{"stopOn":[{"event":"purchase"}]}""")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("trigger.event", out _), errors.ToString());
        Assert.False(errors.TryGetProperty("stopOn[0].event", out _), errors.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync($"/api/v1/campaigns/{id}")).StatusCode);
    }

    [Fact]
    public async Task Put_changes_the_definition_and_status_changes_only_through_activate_and_pause()
    {
        var cart = await NewEventAsync("add_to_cart");
        var id = Unique("edit");
        var user = Unique("u");
        await Ingest.BatchAsync(Identify(user, new { }));
        var original = Campaigns.Webhook(id, Campaigns.OnEvent(cart), Receiver.Url(id), """{"version":1}""", """{"status":"active"}""");

        var created = await Api.PostAsync("/api/v1/campaigns", Json(original));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("draft", (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.PostAsync("/api/v1/campaigns", Json(original))).StatusCode);

        var changed = Campaigns.Webhook(id, Campaigns.OnEvent(cart), Receiver.Url(id), """{"version":2}""", """{"name":"Renamed","status":"active"}""");
        var put = await Api.PutAsync($"/api/v1/campaigns/{id}", Json(changed));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var stored = await Api.GetJsonAsync($"/api/v1/campaigns/{id}");
        Assert.Equal("Renamed", stored.GetProperty("name").GetString());
        Assert.Equal("draft", stored.GetProperty("status").GetString());
        Assert.Equal("""{"version":2}""", stored.GetProperty("definition").GetProperty("stages")[0].GetProperty("send").GetProperty("body").GetString());

        Assert.Equal(HttpStatusCode.BadRequest, (await Api.PutAsync($"/api/v1/campaigns/{Unique("other")}", Json(changed))).StatusCode);
        var missing = Unique("missing");
        Assert.Equal(HttpStatusCode.NotFound, (await Api.PutAsync($"/api/v1/campaigns/{missing}",
            Json(Campaigns.Webhook(missing, Campaigns.OnEvent(cart), Receiver.Url(missing), "{}")))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.PostAsync($"/api/v1/campaigns/{missing}/activate", null)).StatusCode);

        var activated = await Api.PostAsync($"/api/v1/campaigns/{id}/activate", null);
        Assert.Equal("active", (await activated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        await Ingest.BatchAsync(Track(user, cart));
        var calls = await Eventually.ExactlyAsync(Receiver, id, 1, TimeSpan.FromSeconds(1));
        Assert.Equal("""{"version":2}""", calls[0].Text);

        var paused = await Api.PostAsync($"/api/v1/campaigns/{id}/pause", null);
        Assert.Equal("paused", (await paused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await Api.PutAsync($"/api/v1/campaigns/{id}", Json(changed))).StatusCode);
        Assert.Equal("paused", (await Api.GetJsonAsync($"/api/v1/campaigns/{id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_paused_campaign_sends_nothing_until_it_is_activated_again()
    {
        var cart = await NewEventAsync("add_to_cart");
        var id = Unique("paused");
        var user = Unique("u");
        await Ingest.BatchAsync(Identify(user, new { }));
        await Api.CreateActiveCampaignAsync(Campaigns.Webhook(id, Campaigns.OnEvent(cart), Receiver.Url(id), """{"n":{{ Event.n }}}"""));
        Assert.True((await Api.PostAsync($"/api/v1/campaigns/{id}/pause", null)).IsSuccessStatusCode);

        await Ingest.BatchAsync(Track(user, cart, new { n = 1 }));
        await Eventually.ExactlyAsync(Receiver, id, 0, TimeSpan.FromSeconds(3));

        Assert.True((await Api.PostAsync($"/api/v1/campaigns/{id}/activate", null)).IsSuccessStatusCode);
        await Ingest.BatchAsync(Track(user, cart, new { n = 2 }));
        var calls = await Eventually.ExactlyAsync(Receiver, id, 1);
        Assert.Equal("""{"n":2}""", calls[0].Text);
    }
}
