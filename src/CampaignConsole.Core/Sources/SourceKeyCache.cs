using System.Collections.Frozen;
using CampaignConsole.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignConsole.Core.Sources;

public enum KeyKind { Write, Secret }

/// <summary>What a presented key resolved to.</summary>
public sealed record ResolvedKey(int SourceId, KeyKind Kind, Source Source);

/// <summary>
/// Keys are checked on every request, so they are held in memory and reloaded when a source changes
/// (sources are few and change rarely).
/// </summary>
public sealed class SourceKeyCache(IServiceScopeFactory scopes)
{
    private volatile FrozenDictionary<string, ResolvedKey>? _keys;
    private readonly SemaphoreSlim _loading = new(1, 1);

    public async ValueTask<ResolvedKey?> ResolveAsync(string? key, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(key)) return null;
        var keys = _keys ?? await LoadAsync(ct);
        return keys.GetValueOrDefault(key);
    }

    public async ValueTask<Source?> FindSourceAsync(int sourceId, CancellationToken ct = default)
    {
        var keys = _keys ?? await LoadAsync(ct);
        return keys.Values.FirstOrDefault(k => k.SourceId == sourceId)?.Source;
    }

    public void Invalidate() => _keys = null;

    private async Task<FrozenDictionary<string, ResolvedKey>> LoadAsync(CancellationToken ct)
    {
        await _loading.WaitAsync(ct);
        try
        {
            if (_keys is { } loaded) return loaded;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CampaignDbContext>();
            var sources = await db.Sources.AsNoTracking().ToListAsync(ct);
            var map = new Dictionary<string, ResolvedKey>(StringComparer.Ordinal);
            foreach (var s in sources)
            {
                map[s.WriteKey] = new ResolvedKey(s.Id, KeyKind.Write, s);
                map[s.SecretKey] = new ResolvedKey(s.Id, KeyKind.Secret, s);
            }
            var frozen = map.ToFrozenDictionary(StringComparer.Ordinal);
            _keys = frozen;
            return frozen;
        }
        finally
        {
            _loading.Release();
        }
    }
}
