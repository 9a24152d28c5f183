using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignConsole.Core.Campaigns;
using CampaignConsole.Core.Common;
using CampaignConsole.Core.Segments;
using CampaignConsole.Core.Tests.Templates;

namespace CampaignConsole.Core.Tests.Campaigns;

public class CampaignDefinitionParserTests
{
    /// <summary>The example of CONTRACT.md ("Campaigns as JSON"), verbatim.</summary>
    private const string ContractExample = """
        {
          "id": "basket-recovery",
          "name": "Basket recovery",
          "trigger": { "type": "event", "event": "add_to_cart",
                       "where": [{ "field": "price", "op": "gte", "value": 20 }] },
          "audience": { "segment": "gold-members", "rules": { "attribute": "plan", "op": "eq", "value": "gold" },
                        "mode": "dynamic" },
          "frequency": { "mode": "once-per", "period": "PT1H" },
          "stages": [
            { "wait": "PT1H" },
            { "if": { "event": "purchase", "count": { "op": "gte", "value": 1 }, "within": "PT1H" },
              "then": [], "else": [
                { "send": { "channel": "email", "subject": "Still thinking?", "body": "Hi {{ Profile.name | default: 'there' }}" } } ] },
            { "send": { "channel": "on-site", "title": "Welcome back", "body": "…" } }
          ],
          "stopOn": [{ "event": "purchase" }],
          "goal": { "event": "purchase", "within": "P1D" },
          "controlGroupPercent": 10,
          "targetingCap": 1000,
          "schedule": { "start": null, "end": null, "userTimeZone": true,
                        "quietHours": { "from": "21:00", "to": "09:00", "action": "delay" } },
          "respectGlobalCaps": true
        }
        """;

    private static (CampaignDefinition? Definition, Dictionary<string, string[]> Errors) Parse(string json)
    {
        using var renderer = TestRenderer.Create();
        using var doc = JsonDocument.Parse(json);
        var errors = new ErrorList();
        var d = CampaignDefinitionParser.Parse(doc.RootElement, renderer, errors);
        return (d, errors.ToDictionary());
    }

    /// <summary>A valid minimal campaign with one part replaced, to show that part's fault alone.</summary>
    private static (CampaignDefinition? Definition, Dictionary<string, string[]> Errors) ParseWith(Action<JsonObject> change)
    {
        var root = JsonNode.Parse("""
            {
              "id": "c1", "name": "C1",
              "trigger": { "type": "event", "event": "add_to_cart" },
              "stages": [ { "send": { "channel": "webhook", "url": "https://example.test/hook", "body": "{}" } } ]
            }
            """)!.AsObject();
        change(root);
        return Parse(root.ToJsonString());
    }

    private static void AssertOnlyError(Dictionary<string, string[]> errors, string path)
    {
        Assert.True(errors.ContainsKey(path), $"expected an error at {path}; got: {string.Join("; ", errors.Keys)}");
    }

    [Fact]
    public void The_contract_example_parses_with_every_part()
    {
        var (d, errors) = Parse(ContractExample);

        Assert.Empty(errors);
        Assert.NotNull(d);
        Assert.Equal("basket-recovery", d.Id);
        Assert.Equal("Basket recovery", d.Name);
        Assert.Equal(TriggerType.Event, d.Trigger.Type);
        Assert.Equal("add_to_cart", d.Trigger.Event);
        var where = Assert.Single(d.Trigger.Where);
        Assert.Equal(("price", CompareOp.Gte, 20), (where.Field, where.Op, where.Value.GetInt32()));
        Assert.Equal("gold-members", d.Audience!.SegmentId);
        Assert.IsType<AttributeRule>(d.Audience.Rules);
        Assert.Equal("dynamic", d.Audience.Mode);
        Assert.Equal(new Frequency(FrequencyMode.OncePer, TimeSpan.FromHours(1)), d.Frequency);
        Assert.Equal(3, d.Stages.Count);
        Assert.Equal(new WaitStage(TimeSpan.FromHours(1)), d.Stages[0]);
        var branch = Assert.IsType<IfStage>(d.Stages[1]);
        var condition = Assert.IsType<EventCountRule>(branch.Condition);
        Assert.Equal(("purchase", CompareOp.Gte, 1L, (TimeSpan?)TimeSpan.FromHours(1)), (condition.Event, condition.CountOp, condition.CountValue, condition.Within));
        Assert.Empty(branch.Then);
        var email = Assert.IsType<SendStage>(Assert.Single(branch.Else)).Send;
        Assert.Equal(("email", "Still thinking?"), (email.Channel, email.Subject));
        var onSite = Assert.IsType<SendStage>(d.Stages[2]).Send;
        Assert.Equal(("on-site", "Welcome back", "…"), (onSite.Channel, onSite.Title, onSite.Body));
        Assert.Equal("purchase", Assert.Single(d.StopOn).Event);
        Assert.Equal(new Goal("purchase", TimeSpan.FromDays(1)), d.Goal);
        Assert.Equal(10, d.ControlGroupPercent);
        Assert.Equal(1000, d.TargetingCap);
        Assert.True(d.Schedule!.UserTimeZone);
        Assert.Null(d.Schedule.Start);
        Assert.Equal(new QuietHours(new TimeOnly(21, 0), new TimeOnly(9, 0), QuietAction.Delay), d.Schedule.QuietHours);
        Assert.True(d.RespectGlobalCaps);
    }

    [Fact]
    public void The_contract_example_names_purchase_and_add_to_cart_as_the_events_it_depends_on()
    {
        var (d, _) = Parse(ContractExample);

        Assert.Equal(
            [("trigger.event", "add_to_cart"), ("stopOn[0].event", "purchase"), ("goal.event", "purchase")],
            CampaignDefinitionParser.ReferencedEvents(d!).ToList());
    }

    [Fact]
    public void Defaults_are_each_time_no_control_group_no_cap_and_global_caps_respected()
    {
        var (d, errors) = ParseWith(_ => { });

        Assert.Empty(errors);
        Assert.Equal(Frequency.EachTime, d!.Frequency);
        Assert.Equal(0, d.ControlGroupPercent);
        Assert.Null(d.TargetingCap);
        Assert.Null(d.Audience);
        Assert.True(d.RespectGlobalCaps);
    }

    [Fact]
    public void A_bad_trigger_type_is_reported_at_trigger_type()
    {
        var (d, errors) = ParseWith(r => r["trigger"]!["type"] = "webhook-in");

        Assert.Null(d);
        AssertOnlyError(errors, "trigger.type");
    }

    [Theory]
    [InlineData("event")]
    [InlineData("system-event")]
    public void An_event_trigger_without_an_event_is_reported_at_trigger_event(string type)
    {
        var (d, errors) = ParseWith(r => r["trigger"] = new JsonObject { ["type"] = type });

        Assert.Null(d);
        AssertOnlyError(errors, "trigger.event");
    }

    [Fact]
    public void An_api_trigger_needs_no_event()
    {
        var (d, errors) = ParseWith(r => r["trigger"] = new JsonObject { ["type"] = "api" });

        Assert.Empty(errors);
        Assert.Equal(TriggerType.Api, d!.Trigger.Type);
    }

    [Fact]
    public void A_user_property_trigger_fires_once_whatever_frequency_is_given()
    {
        var (d, errors) = ParseWith(r =>
        {
            r["trigger"] = JsonNode.Parse("""{"type":"user-property","property":"plan","equals":"gold"}""");
            r["frequency"] = JsonNode.Parse("""{"mode":"each-time"}""");
        });

        Assert.Empty(errors);
        Assert.Equal(FrequencyMode.Once, d!.Frequency.Mode);
    }

    [Fact]
    public void A_bad_op_in_the_trigger_filter_is_reported_with_its_index()
    {
        var (d, errors) = ParseWith(r => r["trigger"]!["where"] = JsonNode.Parse("""[{"field":"price","op":"gte","value":1},{"field":"sku","op":"like","value":"A"}]"""));

        Assert.Null(d);
        AssertOnlyError(errors, "trigger.where[1].op");
        Assert.Contains("eq, neq, gt, gte, lt, lte, contains, exists, in", errors["trigger.where[1].op"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_op_deep_in_audience_rules_is_reported_at_its_path()
    {
        var (d, errors) = ParseWith(r => r["audience"] = JsonNode.Parse("""
            {"rules":{"all":[{"attribute":"plan","op":"eq","value":"gold"},{"not":{"attribute":"age","op":"bigger","value":3}}]}}
            """));

        Assert.Null(d);
        AssertOnlyError(errors, "audience.rules.all[1].not.op");
    }

    [Theory]
    [InlineData("1 hour")]
    [InlineData("PT0S")]
    [InlineData("-PT1H")]
    [InlineData("P")]
    [InlineData("PT1X")]
    public void A_bad_wait_duration_is_reported_at_the_stage(string duration)
    {
        var (d, errors) = ParseWith(r => r["stages"]!.AsArray().Insert(0, new JsonObject { ["wait"] = duration }));

        Assert.Null(d);
        AssertOnlyError(errors, "stages[0].wait");
        Assert.Contains("ISO 8601", errors["stages[0].wait"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_frequency_period_is_reported_at_frequency_period()
    {
        var (d, errors) = ParseWith(r => r["frequency"] = JsonNode.Parse("""{"mode":"once-per","period":"an hour"}"""));

        Assert.Null(d);
        AssertOnlyError(errors, "frequency.period");
    }

    [Fact]
    public void Once_per_without_a_period_is_reported()
    {
        var (_, errors) = ParseWith(r => r["frequency"] = JsonNode.Parse("""{"mode":"once-per"}"""));

        AssertOnlyError(errors, "frequency.period");
    }

    [Fact]
    public void A_bad_frequency_mode_is_reported()
    {
        var (_, errors) = ParseWith(r => r["frequency"] = JsonNode.Parse("""{"mode":"twice"}"""));

        AssertOnlyError(errors, "frequency.mode");
    }

    [Fact]
    public void A_bad_goal_window_is_reported_at_goal_within()
    {
        var (_, errors) = ParseWith(r => r["goal"] = JsonNode.Parse("""{"event":"purchase","within":"tomorrow"}"""));

        AssertOnlyError(errors, "goal.within");
    }

    [Fact]
    public void An_unknown_channel_is_reported_at_the_send_channel()
    {
        var (d, errors) = ParseWith(r => r["stages"]![0]!["send"]!["channel"] = "carrier-pigeon");

        Assert.Null(d);
        AssertOnlyError(errors, "stages[0].send.channel");
        Assert.Contains("webhook", errors["stages[0].send.channel"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_channel_inside_an_else_block_is_reported_at_its_nested_path()
    {
        var (_, errors) = ParseWith(r => r["stages"]!.AsArray().Add(JsonNode.Parse("""
            {"if":{"attribute":"plan","op":"eq","value":"gold"},"then":[],"else":[{"send":{"channel":"fax","body":"x"}}]}
            """)));

        AssertOnlyError(errors, "stages[1].else[0].send.channel");
    }

    [Fact]
    public void A_webhook_without_a_url_is_reported_at_the_send_url()
    {
        var (d, errors) = ParseWith(r => r["stages"]![0]!["send"]!.AsObject().Remove("url"));

        Assert.Null(d);
        AssertOnlyError(errors, "stages[0].send.url");
    }

    [Fact]
    public void An_email_without_a_subject_is_reported()
    {
        var (_, errors) = ParseWith(r => r["stages"] = JsonNode.Parse("""[{"send":{"channel":"email","body":"Hi"}}]"""));

        AssertOnlyError(errors, "stages[0].send.subject");
    }

    [Fact]
    public void A_liquid_syntax_error_is_reported_at_the_field_with_line_and_column()
    {
        var (d, errors) = ParseWith(r => r["stages"]![0]!["send"]!["body"] = "{\"a\":1,\n \"b\":\"{{ Profile.name | }}\"}");

        Assert.Null(d);
        AssertOnlyError(errors, "stages[0].send.body");
        Assert.Matches(@"^line 2, column \d+: ", errors["stages[0].send.body"][0]);
    }

    [Fact]
    public void A_liquid_syntax_error_in_a_url_is_reported_at_the_url()
    {
        var (_, errors) = ParseWith(r => r["stages"]![0]!["send"]!["url"] = "https://example.test/{% if x %}");

        AssertOnlyError(errors, "stages[0].send.url");
        Assert.StartsWith("line 1, column ", errors["stages[0].send.url"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Several_faults_are_all_reported_at_once()
    {
        var (_, errors) = ParseWith(r =>
        {
            r["id"] = "has spaces";
            r["name"] = "";
            r["controlGroupPercent"] = 150;
            r["targetingCap"] = 0;
            r["stopOn"] = JsonNode.Parse("""[{"event":""}]""");
        });

        foreach (var path in new[] { "id", "name", "controlGroupPercent", "targetingCap", "stopOn[0].event" })
            AssertOnlyError(errors, path);
    }

    [Fact]
    public void A_campaign_whose_stages_never_send_is_refused()
    {
        var (_, errors) = ParseWith(r => r["stages"] = JsonNode.Parse("""[{"wait":"PT1H"}]"""));

        AssertOnlyError(errors, "stages");
    }

    [Fact]
    public void Bad_quiet_hours_are_reported_per_field()
    {
        var (_, errors) = ParseWith(r => r["schedule"] = JsonNode.Parse("""{"quietHours":{"from":"9pm","to":"09:00","action":"later"}}"""));

        AssertOnlyError(errors, "schedule.quietHours.from");
        AssertOnlyError(errors, "schedule.quietHours.action");
    }

    [Fact]
    public void A_schedule_ending_before_it_starts_is_refused()
    {
        var (_, errors) = ParseWith(r => r["schedule"] = JsonNode.Parse("""{"start":"2026-12-01T00:00:00Z","end":"2026-11-01T00:00:00Z"}"""));

        AssertOnlyError(errors, "schedule.end");
    }

    [Fact]
    public void A_body_that_is_not_an_object_is_refused_at_the_root()
    {
        var (d, errors) = Parse("[1,2]");

        Assert.Null(d);
        Assert.True(errors.ContainsKey(""));
    }
}
