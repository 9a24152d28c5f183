namespace CampaignConsole.Web.Components.Segments;

/// <summary>What a new segment starts from: the contract's example, gold members.</summary>
internal static class SegmentTemplate
{
    public const string NewSegment = """
        {
          "id": "gold-members",
          "name": "Gold members",
          "rules": { "attribute": "plan", "op": "eq", "value": "gold" }
        }
        """;
}
