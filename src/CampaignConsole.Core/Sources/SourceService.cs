using CampaignConsole.Core.Common;
using CampaignConsole.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CampaignConsole.Core.Sources;

public sealed record SourceRow(int Id, string Name, string WriteKey, string SecretKey, bool EnforceIdentityVerification,
    IReadOnlyList<string> AllowedOrigins, DateTime CreatedAt);

/// <summary>Sources as the console's settings show them: their keys, identity verification and allowed origins.</summary>
public sealed class SourceService(CampaignDbContext db, SourceKeyCache keys)
{
    public async Task<List<SourceRow>> ListAsync(CancellationToken ct) =>
        (await db.Sources.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct))
            .Select(s => new SourceRow(s.Id, s.Name, s.WriteKey, s.SecretKey, s.EnforceIdentityVerification, s.AllowedOriginList, s.CreatedAt))
            .ToList();

    /// <param name="allowedOrigins">Origins such as https://shop.example, separated by spaces or new lines; empty allows any.</param>
    public async Task<Result<SourceRow>> UpdateAsync(int id, bool enforceIdentityVerification, string? allowedOrigins, CancellationToken ct)
    {
        var origins = (allowedOrigins ?? "").Split([' ', '\n', '\r', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(o => o.TrimEnd('/')).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var bad = origins.Where(o => !Uri.TryCreate(o, UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https") || u.AbsolutePath != "/").ToList();
        if (bad.Count > 0)
            return Result<SourceRow>.Invalid("allowedOrigins", $"not an origin (scheme://host[:port], no path): {string.Join(", ", bad)}");
        var source = await db.Sources.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (source is null) return Result<SourceRow>.Missing();
        source.SetIdentityVerification(enforceIdentityVerification);
        source.SetAllowedOrigins(origins);
        await db.SaveChangesAsync(ct);
        // The hub checks keys and these settings from the cache: make it read them again.
        keys.Invalidate();
        return Result<SourceRow>.Ok((await ListAsync(ct)).First(s => s.Id == id));
    }
}
