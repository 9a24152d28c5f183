namespace CampaignConsole.Web.Api;

/// <summary>
/// The SDK posts events from any customer website; the write key is publishable and the routes
/// only ingest, so ingestion allows any origin.
/// </summary>
internal static class CorsPolicies
{
    public const string Ingest = "ingest";

    public static IServiceCollection AddIngestCors(this IServiceCollection services) =>
        services.AddCors(o => o.AddPolicy(Ingest, p => p.AllowAnyOrigin().AllowAnyHeader().WithMethods("POST").SetPreflightMaxAge(TimeSpan.FromHours(1))));
}
