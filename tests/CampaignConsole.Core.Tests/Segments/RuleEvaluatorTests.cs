using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignConsole.Core.Common;
using CampaignConsole.Core.Segments;

namespace CampaignConsole.Core.Tests.Segments;

public class RuleEvaluatorTests
{
    private static readonly DateTime Now = new(2026, 6, 15, 12, 0, 0, DateTimeKind.Utc);

    private static Rule Rule(string json)
    {
        var errors = new ErrorList();
        var rule = RuleParser.Parse(JsonDocument.Parse(json).RootElement.Clone(), "rule", errors);
        Assert.False(errors.Any, string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        return rule!;
    }

    private static Task<bool> Matches(string rule, IContactFacts facts, string? triggerJson = null) =>
        RuleEvaluator.MatchesAsync(Rule(rule), facts, triggerJson is null ? null : JsonNode.Parse(triggerJson)!.AsObject(), Now, CancellationToken.None);

    private static readonly FakeContactFacts Ada = new("""{"name":"Ada","plan":"Gold","age":36,"score":"42","tags":["vip","beta"],"city":"London"}""");

    [Theory]
    [InlineData("""{"attribute":"plan","op":"eq","value":"gold"}""", true)]
    [InlineData("""{"attribute":"plan","op":"eq","value":"silver"}""", false)]
    [InlineData("""{"attribute":"plan","op":"neq","value":"silver"}""", true)]
    [InlineData("""{"attribute":"age","op":"gt","value":35}""", true)]
    [InlineData("""{"attribute":"age","op":"gt","value":36}""", false)]
    [InlineData("""{"attribute":"age","op":"gte","value":36}""", true)]
    [InlineData("""{"attribute":"age","op":"lt","value":"40"}""", true)]
    [InlineData("""{"attribute":"age","op":"lte","value":35}""", false)]
    [InlineData("""{"attribute":"score","op":"gt","value":9}""", true)]
    [InlineData("""{"attribute":"score","op":"eq","value":42}""", true)]
    [InlineData("""{"attribute":"name","op":"contains","value":"AD"}""", true)]
    [InlineData("""{"attribute":"tags","op":"contains","value":"Beta"}""", true)]
    [InlineData("""{"attribute":"tags","op":"contains","value":"alpha"}""", false)]
    [InlineData("""{"attribute":"email","op":"exists"}""", false)]
    [InlineData("""{"attribute":"name","op":"exists"}""", true)]
    [InlineData("""{"attribute":"email","op":"exists","value":false}""", true)]
    [InlineData("""{"attribute":"city","op":"in","value":["Paris","london"]}""", true)]
    [InlineData("""{"attribute":"city","op":"in","value":["Paris","Rome"]}""", false)]
    [InlineData("""{"attribute":"email","op":"eq","value":"a@b.c"}""", false)]
    public async Task Attribute_rules_compare_a_trait(string rule, bool expected)
    {
        Assert.Equal(expected, await Matches(rule, Ada));
    }

    [Fact]
    public async Task Event_count_counts_only_events_within_the_period()
    {
        var facts = new FakeContactFacts()
            .Did("purchase", Now.AddDays(-1))
            .Did("purchase", Now.AddDays(-10))
            .Did("purchase", Now.AddDays(-40))
            .Did("login", Now.AddHours(-1));

        Assert.True(await Matches("""{"event":"purchase","count":{"op":"eq","value":2},"within":"P30D"}""", facts));
        Assert.True(await Matches("""{"event":"purchase","count":{"op":"gte","value":3}}""", facts));
        Assert.False(await Matches("""{"event":"purchase","count":{"op":"gte","value":3},"within":"P30D"}""", facts));
        Assert.True(await Matches("""{"event":"purchase","count":{"op":"lt","value":2},"within":"P7D"}""", facts));
        Assert.False(await Matches("""{"event":"refund","count":{"op":"gte","value":1},"within":"P30D"}""", facts));
        Assert.True(await Matches("""{"event":"refund","count":{"op":"eq","value":0}}""", facts));
    }

    [Fact]
    public async Task An_event_rule_without_count_means_at_least_once()
    {
        var facts = new FakeContactFacts().Did("login", Now.AddHours(-2));

        Assert.True(await Matches("""{"event":"login","within":"PT3H"}""", facts));
        Assert.False(await Matches("""{"event":"login","within":"PT1H"}""", facts));
    }

    [Fact]
    public async Task Event_count_applies_where_filters_to_each_events_context()
    {
        var facts = new FakeContactFacts()
            .Did("purchase", Now.AddDays(-1), """{"total":120,"category":"Shoes"}""")
            .Did("purchase", Now.AddDays(-2), """{"total":"80","category":"shoes"}""")
            .Did("purchase", Now.AddDays(-3), """{"total":200,"category":"hats"}""")
            .Did("purchase", Now.AddDays(-4), """{"category":"shoes"}""");

        Assert.True(await Matches("""
            {"event":"purchase","count":{"op":"eq","value":2},"within":"P30D",
             "where":[{"field":"category","op":"eq","value":"SHOES"},{"field":"total","op":"gte","value":50}]}
            """, facts));
        Assert.True(await Matches("""
            {"event":"purchase","count":{"op":"eq","value":3},"where":[{"field":"total","op":"exists"}]}
            """, facts));
    }

    [Fact]
    public async Task A_dollar_value_is_taken_from_the_triggering_events_context()
    {
        var facts = new FakeContactFacts()
            .Did("viewed_item", Now.AddDays(-3), """{"sku":"A1"}""")
            .Did("viewed_item", Now.AddDays(-60), """{"sku":"B2"}""");
        const string rule = """{"event":"viewed_item","count":{"op":"gte","value":1},"within":"P30D","where":[{"field":"sku","op":"eq","value":"$sku"}]}""";

        Assert.True(await Matches(rule, facts, """{"sku":"A1"}"""));
        Assert.False(await Matches(rule, facts, """{"sku":"B2"}"""), "B2 was viewed, but not within 30 days");
        Assert.False(await Matches(rule, facts, """{"sku":"C3"}"""));
        Assert.False(await Matches(rule, facts, """{"other":"A1"}"""), "a trigger without the field matches no event");
        Assert.False(await Matches(rule, facts), "no trigger at all matches no event");
    }

    [Fact]
    public async Task A_dollar_value_also_works_in_attribute_rules()
    {
        var facts = new FakeContactFacts("""{"city":"London"}""");

        Assert.True(await Matches("""{"attribute":"city","op":"eq","value":"$city"}""", facts, """{"city":"london"}"""));
        Assert.False(await Matches("""{"attribute":"city","op":"eq","value":"$city"}""", facts, """{"city":"Paris"}"""));
    }

    [Fact]
    public async Task A_lone_dollar_sign_is_a_literal_value()
    {
        var facts = new FakeContactFacts("""{"currency":"$"}""");

        Assert.True(await Matches("""{"attribute":"currency","op":"eq","value":"$"}""", facts, """{"x":1}"""));
    }

    [Fact]
    public async Task Last_event_days_ago_measures_from_the_latest_occurrence()
    {
        var facts = new FakeContactFacts()
            .Did("login", Now.AddDays(-20))
            .Did("login", Now.AddDays(-8));

        Assert.True(await Matches("""{"lastEvent":"login","daysAgo":{"op":"gte","value":7}}""", facts));
        Assert.False(await Matches("""{"lastEvent":"login","daysAgo":{"op":"gte","value":10}}""", facts));
        Assert.True(await Matches("""{"lastEvent":"login","daysAgo":{"op":"lt","value":8.5}}""", facts));
    }

    [Fact]
    public async Task Last_event_never_done_matches_nothing()
    {
        var facts = new FakeContactFacts();

        Assert.False(await Matches("""{"lastEvent":"login","daysAgo":{"op":"gte","value":7}}""", facts));
        Assert.False(await Matches("""{"lastEvent":"login","daysAgo":{"op":"lt","value":7}}""", facts));
    }

    [Fact]
    public async Task All_any_and_not_compose()
    {
        var gold = """{"attribute":"plan","op":"eq","value":"gold"}""";
        var young = """{"attribute":"age","op":"lt","value":30}""";
        var london = """{"attribute":"city","op":"eq","value":"London"}""";

        Assert.True(await Matches($$"""{"all":[{{gold}},{{london}}]}""", Ada));
        Assert.False(await Matches($$"""{"all":[{{gold}},{{young}}]}""", Ada));
        Assert.True(await Matches($$"""{"any":[{{young}},{{london}}]}""", Ada));
        Assert.False(await Matches($$"""{"any":[{{young}},{"not":{{london}}}]}""", Ada));
        Assert.True(await Matches($$"""{"not":{{young}}}""", Ada));
        Assert.True(await Matches("{\"all\":[" + gold + ",{\"any\":[" + young + ",{\"not\":{\"not\":" + london + "}}]}]}", Ada));
    }

    [Fact]
    public async Task Mixed_attribute_and_event_rules_compose()
    {
        var facts = new FakeContactFacts("""{"plan":"gold"}""").Did("purchase", Now.AddDays(-1));

        Assert.True(await Matches("""
            {"all":[{"attribute":"plan","op":"eq","value":"gold"},
                    {"not":{"event":"purchase","count":{"op":"gte","value":2},"within":"P7D"}}]}
            """, facts));
    }

    [Fact]
    public void Trigger_conditions_all_have_to_hold()
    {
        var errors = new ErrorList();
        var where = RuleParser.Where(JsonDocument.Parse("""
            {"where":[{"field":"price","op":"gte","value":20},{"field":"currency","op":"in","value":["EUR","USD"]}]}
            """).RootElement, "trigger", errors);
        Assert.False(errors.Any);

        Assert.True(RuleEvaluator.ConditionsHold(where, JsonNode.Parse("""{"price":"25","currency":"usd"}""")!.AsObject(), null));
        Assert.False(RuleEvaluator.ConditionsHold(where, JsonNode.Parse("""{"price":19.99,"currency":"EUR"}""")!.AsObject(), null));
        Assert.False(RuleEvaluator.ConditionsHold(where, JsonNode.Parse("""{"price":30}""")!.AsObject(), null));
        Assert.True(RuleEvaluator.ConditionsHold([], new JsonObject(), null));
    }
}
