using Quartz;

namespace CampaignConsole.Core.Scheduling;

/// <summary>
/// Quartz triggers keyed by journey id. The store is in memory on purpose: each journey's NextRunAt
/// is in our database, and <see cref="JourneyWorker"/> re-creates the triggers at start, so nothing
/// is lost across a restart and no second copy of the schedule can drift from the first.
/// </summary>
internal sealed class QuartzJourneyScheduler(ISchedulerFactory factory) : IJourneyScheduler
{
    public async Task ScheduleAsync(long journeyId, DateTime at, CancellationToken ct)
    {
        var scheduler = await factory.GetScheduler(ct);
        var key = new TriggerKey($"journey-{journeyId}");
        var trigger = TriggerBuilder.Create()
            .WithIdentity(key)
            .ForJob(JourneyWakeJob.Key)
            .UsingJobData(JourneyWakeJob.JourneyIdKey, journeyId)
            .StartAt(new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)))
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleJob(trigger, ScheduleJobOptions.Replacing, ct);
    }
}

/// <summary>Hands a due journey to the queue; the worker does the work.</summary>
[DisallowConcurrentExecution]
internal sealed class JourneyWakeJob(JourneyQueue queue) : IJob
{
    public static readonly JobKey Key = new("journey-wake");
    public const string JourneyIdKey = "journeyId";

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        queue.Enqueue(context.MergedJobDataMap.GetLong(JourneyIdKey));
        return ValueTask.CompletedTask;
    }
}
