using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignConsole.Core.Contacts;

namespace CampaignConsole.Core.Tests.Contacts;

public class TraitMergeTests
{
    private static string Merge(string existing, string incoming)
    {
        using var doc = JsonDocument.Parse(incoming);
        return TraitMerge.Merge(existing, doc.RootElement);
    }

    private static void AssertJson(string expected, string actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"expected {expected}, got {actual}");

    [Fact]
    public void Identify_adds_new_traits_and_keeps_the_others()
    {
        AssertJson("""{"name":"Ada","plan":"gold"}""", Merge("""{"name":"Ada"}""", """{"plan":"gold"}"""));
    }

    [Fact]
    public void Identify_overwrites_a_trait_of_the_same_name()
    {
        AssertJson("""{"name":"Ada King","plan":"gold"}""", Merge("""{"name":"Ada","plan":"gold"}""", """{"name":"Ada King"}"""));
    }

    [Fact]
    public void Nested_values_are_replaced_whole()
    {
        AssertJson("""{"address":{"city":"Paris"}}""", Merge("""{"address":{"city":"London","zip":"N1"}}""", """{"address":{"city":"Paris"}}"""));
    }

    [Fact]
    public void Null_trait_is_stored_as_null()
    {
        AssertJson("""{"name":null}""", Merge("""{"name":"Ada"}""", """{"name":null}"""));
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    public void Incoming_traits_that_are_not_an_object_change_nothing(string incoming)
    {
        Assert.Equal("""{"name":"Ada"}""", Merge("""{"name":"Ada"}""", incoming));
    }

    [Fact]
    public void Existing_traits_that_are_not_an_object_are_replaced()
    {
        AssertJson("""{"name":"Ada"}""", Merge("[]", """{"name":"Ada"}"""));
    }

    [Fact]
    public void Traits_are_stored_as_readable_text_so_searching_them_finds_emails_and_names()
    {
        var merged = Merge("{}", """{"email":"ada+news@example.com","name":"Zoë O'Brien <Ada>"}""");

        Assert.Contains("ada+news@example.com", merged);
        Assert.Contains("Zoë O'Brien <Ada>", merged);
        Assert.Contains("Zoë", TraitMerge.MergeUnder("{}", merged));
    }

    [Fact]
    public void Merging_contacts_keeps_the_survivors_traits_and_adds_the_absorbed_ones()
    {
        var merged = TraitMerge.MergeUnder("""{"name":"Ada","plan":"gold"}""", """{"name":"anon","cart":3,"utm":{"source":"ads"}}""");

        AssertJson("""{"name":"Ada","plan":"gold","cart":3,"utm":{"source":"ads"}}""", merged);
    }

    [Fact]
    public void Merging_into_empty_traits_takes_all_of_the_absorbed_ones()
    {
        AssertJson("""{"a":1,"b":[1,2]}""", TraitMerge.MergeUnder("{}", """{"a":1,"b":[1,2]}"""));
    }

    [Theory]
    [InlineData("Europe/Berlin", "Europe/Berlin")]
    [InlineData("America/New_York", "America/New_York")]
    [InlineData("Asia/Kolkata", "Asia/Kolkata")]
    [InlineData("Mars/Olympus_Mons", null)]
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    public void Valid_time_zone_accepts_only_known_iana_zones(string? candidate, string? expected)
    {
        Assert.Equal(expected, TraitMerge.ValidTimeZone(candidate));
    }
}
