namespace CampaignConsole.Core.Events.Ingest;

/// <summary>Segment's HTTP Tracking API limits, which its clients already respect.</summary>
public static class IngestLimits
{
    public const int MaxMessageBytes = 32 * 1024;
    public const int MaxBatchBytes = 500 * 1024;
    public const int MaxIdLength = 200;
    public const int MaxNameLength = 200;
}
