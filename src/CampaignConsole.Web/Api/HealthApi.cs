using CampaignConsole.Core.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CampaignConsole.Web.Api;

internal static class HealthApi
{
    /// <summary>`GET /health`: 200 once migrations ran and the database answers.</summary>
    public static IEndpointConventionBuilder MapHealth(this IEndpointRouteBuilder app) =>
        app.MapHealthChecks("/health").AllowAnonymous();
}

internal sealed class DatabaseHealthCheck(CampaignDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database does not answer.");
}
