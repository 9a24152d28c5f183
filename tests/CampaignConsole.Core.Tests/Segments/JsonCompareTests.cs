using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignConsole.Core.Segments;

namespace CampaignConsole.Core.Tests.Segments;

public class JsonCompareTests
{
    private static bool Matches(string? actualJson, CompareOp op, string expectedJson) =>
        JsonCompare.Matches(actualJson is null ? null : JsonNode.Parse(actualJson), op, JsonDocument.Parse(expectedJson).RootElement.Clone());

    [Theory]
    [InlineData("\"gold\"", "\"gold\"", true)]
    [InlineData("\"Gold\"", "\"gOLD\"", true)]
    [InlineData("\"gold\"", "\"silver\"", false)]
    [InlineData("3", "3.0", true)]
    [InlineData("\"3\"", "3", true)]
    [InlineData("3", "\"3.00\"", true)]
    [InlineData("3", "4", false)]
    [InlineData("true", "true", true)]
    [InlineData("true", "false", false)]
    [InlineData("\"true\"", "true", true)]
    [InlineData("null", "\"x\"", false)]
    public void Eq_compares_numbers_as_numbers_and_text_without_case(string actual, string expected, bool result)
    {
        Assert.Equal(result, Matches(actual, CompareOp.Eq, expected));
        Assert.Equal(!result, Matches(actual, CompareOp.Neq, expected));
    }

    [Fact]
    public void A_missing_value_is_not_equal_to_anything()
    {
        Assert.False(Matches(null, CompareOp.Eq, "\"gold\""));
        Assert.True(Matches(null, CompareOp.Neq, "\"gold\""));
    }

    [Theory]
    [InlineData("10", CompareOp.Gt, "9", true)]
    [InlineData("10", CompareOp.Gt, "10", false)]
    [InlineData("10", CompareOp.Gte, "10", true)]
    [InlineData("9.5", CompareOp.Lt, "10", true)]
    [InlineData("10", CompareOp.Lte, "10", true)]
    [InlineData("11", CompareOp.Lte, "10", false)]
    // Numeric strings are numbers: "10" > "9" although "10" < "9" as text.
    [InlineData("\"10\"", CompareOp.Gt, "9", true)]
    [InlineData("10", CompareOp.Gt, "\"9\"", true)]
    [InlineData("\"10\"", CompareOp.Gt, "\"9\"", true)]
    [InlineData("\"1e3\"", CompareOp.Gte, "1000", true)]
    // Text compares case-insensitively.
    [InlineData("\"banana\"", CompareOp.Gt, "\"Apple\"", true)]
    [InlineData("\"APPLE\"", CompareOp.Gte, "\"apple\"", true)]
    [InlineData("\"2026-01-02\"", CompareOp.Lt, "\"2026-01-10\"", true)]
    public void Ordering_ops_compare_numbers_numerically_and_text_alphabetically(string actual, CompareOp op, string expected, bool result)
    {
        Assert.Equal(result, Matches(actual, op, expected));
    }

    [Theory]
    [InlineData(CompareOp.Gt)]
    [InlineData(CompareOp.Gte)]
    [InlineData(CompareOp.Lt)]
    [InlineData(CompareOp.Lte)]
    public void Ordering_ops_on_a_missing_value_are_false(CompareOp op)
    {
        Assert.False(Matches(null, op, "1"));
    }

    [Theory]
    [InlineData("\"Gold Member\"", "\"gold\"", true)]
    [InlineData("\"Gold Member\"", "\"silver\"", false)]
    [InlineData("[\"vip\",\"Beta\"]", "\"beta\"", true)]
    [InlineData("[\"vip\",\"beta\"]", "\"alpha\"", false)]
    [InlineData("[1,2,3]", "2", true)]
    [InlineData("[1,2,3]", "\"2\"", true)]
    [InlineData("12345", "\"234\"", true)]
    public void Contains_finds_text_in_text_and_items_in_lists(string actual, string expected, bool result)
    {
        Assert.Equal(result, Matches(actual, CompareOp.Contains, expected));
    }

    [Theory]
    [InlineData("\"gold\"", "[\"silver\",\"GOLD\"]", true)]
    [InlineData("\"bronze\"", "[\"silver\",\"gold\"]", false)]
    [InlineData("2", "[1,2,3]", true)]
    [InlineData("\"2\"", "[1,2,3]", true)]
    [InlineData("5", "[1,2,3]", false)]
    [InlineData("\"gold\"", "\"gold\"", false)]
    public void In_takes_an_array_of_allowed_values(string actual, string expected, bool result)
    {
        Assert.Equal(result, Matches(actual, CompareOp.In, expected));
    }

    [Fact]
    public void Exists_asks_whether_there_is_a_value_and_exists_false_the_opposite()
    {
        Assert.True(Matches("\"x\"", CompareOp.Exists, "true"));
        Assert.True(Matches("0", CompareOp.Exists, "true"));
        Assert.False(Matches(null, CompareOp.Exists, "true"));
        Assert.True(Matches(null, CompareOp.Exists, "false"));
        Assert.False(Matches("\"x\"", CompareOp.Exists, "false"));
        Assert.True(JsonCompare.Matches(JsonValue.Create("x"), CompareOp.Exists, default));
    }

    [Fact]
    public void Values_built_in_code_compare_like_parsed_ones()
    {
        // Counts and day spans are compared as JsonValue.Create(...) results, not parsed JSON.
        var three = JsonSerializer.SerializeToElement(3);
        Assert.True(JsonCompare.Matches(JsonValue.Create(3L), CompareOp.Eq, three));
        Assert.True(JsonCompare.Matches(JsonValue.Create(4L), CompareOp.Gt, three));
        Assert.True(JsonCompare.Matches(JsonValue.Create(2.5), CompareOp.Lt, three));
        Assert.True(JsonCompare.Matches(JsonValue.Create("3"), CompareOp.Eq, three));
    }
}
