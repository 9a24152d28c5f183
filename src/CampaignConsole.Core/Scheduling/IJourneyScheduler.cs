namespace CampaignConsole.Core.Scheduling;

/// <summary>Wakes a journey at a time (a wait stage, quiet hours). The journey row's NextRunAt is the truth.</summary>
public interface IJourneyScheduler
{
    Task ScheduleAsync(long journeyId, DateTime at, CancellationToken ct);
}
