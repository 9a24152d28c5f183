namespace CampaignConsole.Core.Campaigns;

/// <summary>Changes only through activate / pause (and ended when the schedule's end passes).</summary>
public enum CampaignStatus { Draft, Active, Paused, Ended }
