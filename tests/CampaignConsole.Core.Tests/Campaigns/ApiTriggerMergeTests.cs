using System.Text.Json.Nodes;
using CampaignConsole.Core.Campaigns;

namespace CampaignConsole.Core.Tests.Campaigns;

public class ApiTriggerMergeTests
{
    private static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();

    [Fact]
    public void The_recipients_payload_is_merged_over_the_shared_one()
    {
        var merged = ApiTrigger.Merge(
            Obj("""{"store":"Main St","discount":10,"productDetails":[{"productName":"Shared"}]}"""),
            Obj("""{"discount":25,"productDetails":[{"productName":"Mine"},{"productName":"Also mine"}],"name":"Ada"}"""));

        Assert.True(JsonNode.DeepEquals(
            Obj("""{"store":"Main St","discount":25,"productDetails":[{"productName":"Mine"},{"productName":"Also mine"}],"name":"Ada"}"""),
            merged));
    }

    [Fact]
    public void Nested_objects_are_replaced_whole_not_merged()
    {
        var merged = ApiTrigger.Merge(Obj("""{"order":{"id":1,"total":9}}"""), Obj("""{"order":{"id":2}}"""));

        Assert.True(JsonNode.DeepEquals(Obj("""{"order":{"id":2}}"""), merged));
    }

    [Fact]
    public void Merging_changes_neither_input()
    {
        var shared = Obj("""{"a":1,"list":[1,2]}""");
        var own = Obj("""{"a":2,"b":[3]}""");

        var merged = ApiTrigger.Merge(shared, own);
        merged["list"]!.AsArray().Add(99);
        merged["b"]!.AsArray().Add(99);

        Assert.Equal("""{"a":1,"list":[1,2]}""", shared.ToJsonString());
        Assert.Equal("""{"a":2,"b":[3]}""", own.ToJsonString());
    }

    [Fact]
    public void Either_payload_may_be_missing()
    {
        Assert.Equal("""{"a":1}""", ApiTrigger.Merge(Obj("""{"a":1}"""), null).ToJsonString());
        Assert.Equal("""{"b":2}""", ApiTrigger.Merge(null, Obj("""{"b":2}""")).ToJsonString());
        Assert.Equal("{}", ApiTrigger.Merge(null, null).ToJsonString());
    }

    [Fact]
    public void A_recipient_can_clear_a_shared_key_with_null()
    {
        var merged = ApiTrigger.Merge(Obj("""{"coupon":"SAVE10"}"""), Obj("""{"coupon":null}"""));

        Assert.True(merged.ContainsKey("coupon"));
        Assert.Null(merged["coupon"]);
    }
}
