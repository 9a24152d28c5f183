using CampaignConsole.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CampaignConsole.Core.Sources;

/// <summary>Makes sure a source exists: the configured keys when given, fresh random keys otherwise.</summary>
internal sealed class SourceBootstrapper(IServiceScopeFactory scopes, IOptions<BootstrapOptions> options, StartupReport report,
    SourceKeyCache cache, TimeProvider clock) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CampaignDbContext>();
        var source = await db.Sources.OrderBy(s => s.Id).FirstOrDefaultAsync(cancellationToken);

        var wanted = !string.IsNullOrWhiteSpace(o.WriteKey) && !string.IsNullOrWhiteSpace(o.SecretKey);
        if (wanted && await db.Sources.FirstOrDefaultAsync(s => s.WriteKey == o.WriteKey, cancellationToken) is { } configured)
            source = configured;
        else if (wanted || source is null)
        {
            source = Source.Create("Website", wanted ? o.WriteKey!.Trim() : ApiKeys.NewWriteKey(),
                wanted ? o.SecretKey!.Trim() : ApiKeys.NewSecretKey(), clock.GetUtcNow().UtcDateTime);
            db.Sources.Add(source);
        }
        if (o.AllowedOrigins is not null) source.SetAllowedOrigins(o.AllowedOrigins.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (o.EnforceIdentityVerification is { } enforce) source.SetIdentityVerification(enforce);
        await db.SaveChangesAsync(cancellationToken);
        cache.Invalidate();
        report.WriteKey = source.WriteKey;
        report.SecretKey = source.SecretKey;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
