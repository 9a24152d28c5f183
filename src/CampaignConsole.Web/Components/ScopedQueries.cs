namespace CampaignConsole.Web.Components;

/// <summary>
/// A circuit lives for minutes and its events overlap; a DbContext must not. Each console query
/// gets its own scope (and so its own DbContext).
/// </summary>
internal static class ScopedQueries
{
    public static async Task<TResult> QueryAsync<TService, TResult>(this IServiceScopeFactory scopes, Func<TService, Task<TResult>> query)
        where TService : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TService>());
    }
}
