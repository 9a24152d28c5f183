namespace CampaignConsole.Core.Events;

/// <summary>A customer event concerns one customer; a system event concerns everyone (seed 003).</summary>
public enum EventKind { Customer = 0, System = 1 }
