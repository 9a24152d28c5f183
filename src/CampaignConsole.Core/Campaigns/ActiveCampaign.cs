using CampaignConsole.Core.Segments;

namespace CampaignConsole.Core.Campaigns;

/// <summary>A campaign ready to match: its definition, compiled stages and resolved audience rule.</summary>
public sealed record ActiveCampaign(Campaign Stored, CampaignDefinition Definition, JourneyProgram Program, Rule? AudienceRule)
{
    public string Id => Definition.Id;

    /// <summary>Inside the schedule window (start inclusive, end exclusive).</summary>
    public bool InWindow(DateTime now) =>
        Definition.Schedule is not { } s || ((s.Start is null || now >= s.Start) && (s.End is null || now < s.End));
}
