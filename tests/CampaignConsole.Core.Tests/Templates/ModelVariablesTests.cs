using System.Text.Json.Nodes;
using CampaignConsole.Core.Templates;
using static CampaignConsole.Core.Tests.Templates.TestRenderer;

namespace CampaignConsole.Core.Tests.Templates;

public class ModelVariablesTests
{
    [Fact]
    public void Profile_name_renders_with_its_case_kept()
    {
        var model = Profile("""{"name":"Ada","Name":"Upper","firstName":"Ada L"}""");

        Assert.Equal("Ada|Upper|Ada L|", Render("{{ Profile.name }}|{{ Profile.Name }}|{{ Profile.firstName }}|{{ Profile.first_name }}", model));
    }

    [Fact]
    public void Member_names_are_case_sensitive()
    {
        Assert.Equal("[]", Render("[{{ Profile.NAME }}]", Profile("""{"name":"Ada"}""")));
    }

    [Fact]
    public void Event_properties_are_reachable_as_Event_and_client_eventContext()
    {
        var model = Event("""{"sku":"A1","price":30}""");

        Assert.Equal("A1 A1 30", Render("{{ client.eventContext.sku }} {{ Event.sku }} {{ client.eventContext.price }}", model));
    }

    [Fact]
    public void Undefined_variables_render_empty()
    {
        var model = Profile("""{"name":"Ada"}""");

        Assert.Equal("[||||]", Render("[{{ Profile.missing }}|{{ Profile.missing.deeper }}|{{ Nope }}|{{ ExternalTrigger.items[3].name }}|{{ Event.x }}]", model));
    }

    [Fact]
    public void Json_null_renders_empty()
    {
        Assert.Equal("[]", Render("[{{ Profile.name }}]", Profile("""{"name":null}""")));
    }

    [Fact]
    public void Numbers_keep_their_value_and_work_with_math_filters()
    {
        var model = Profile("""{"age":36,"score":4.5,"big":12345678901234567890,"negative":-3}""");

        Assert.Equal("37 4.5 12345678901234567890 -3 9", Render("{{ Profile.age | plus: 1 }} {{ Profile.score }} {{ Profile.big }} {{ Profile.negative }} {{ Profile.score | times: 2 }}", model));
    }

    [Fact]
    public void Booleans_drive_conditions()
    {
        var model = Profile("""{"vip":true,"blocked":false}""");

        Assert.Equal("VIP open", Render("{% if Profile.vip %}VIP{% endif %} {% if Profile.blocked %}blocked{% else %}open{% endif %}", model));
    }

    [Fact]
    public void Nested_objects_and_arrays_are_navigable()
    {
        var model = Profile("""{"address":{"city":"London"},"tags":["a","b","c"],"orders":[{"id":7}]}""");

        Assert.Equal(
            "London a, b, c 3 a c 7",
            Render("{{ Profile.address.city }} {{ Profile.tags | join: \", \" }} {{ Profile.tags | size }} {{ Profile.tags[0] }} {{ Profile.tags | last }} {{ Profile.orders[0].id }}", model));
    }

    [Fact]
    public void Keys_that_are_not_identifiers_are_reachable_by_index()
    {
        Assert.Equal("yes", Render("{{ Profile[\"opted in\"] }}", Profile("""{"opted in":"yes"}""")));
    }

    [Fact]
    public void Json_values_built_in_code_render_like_parsed_ones()
    {
        var model = new TemplateModel(Profile: new JsonObject
        {
            ["count"] = 42,
            ["since"] = new DateTimeOffset(2024, 3, 5, 14, 7, 9, TimeSpan.Zero),
            ["nested"] = new JsonObject { ["ok"] = true },
        });

        Assert.Equal("43 2024-03-05 true", Render("{{ Profile.count | plus: 1 }} {{ Profile.since | date: \"%Y-%m-%d\" }} {{ Profile.nested.ok }}", model));
    }

    [Fact]
    public void Html_in_values_is_not_escaped_because_channels_decide()
    {
        var model = Profile("""{"name":"<b>Ada & Co</b>"}""");

        Assert.Equal("<p>Hi <b>Ada & Co</b></p>", Render("<p>Hi {{ Profile.name }}</p>", model));
    }

    [Fact]
    public void Text_outside_tags_is_kept_as_is()
    {
        Assert.Equal("Line 1\n  Line 2 {x}\n", Render("Line 1\n  Line 2 {x}\n"));
    }
}
