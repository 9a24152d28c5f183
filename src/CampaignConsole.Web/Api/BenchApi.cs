namespace CampaignConsole.Web.Api;

/// <summary>
/// `POST /bench/empty`: a do-nothing endpoint the ingest benchmark (bench/Ingest) measures as its
/// baseline on the same Kestrel and middleware. Mapped only when `Bench:BaselineEndpoint` is true,
/// so a normal deployment never exposes it.
/// </summary>
internal static class BenchApi
{
    public static IEndpointRouteBuilder MapBench(this IEndpointRouteBuilder app)
    {
        var config = app.ServiceProvider.GetRequiredService<IConfiguration>();
        if (config.GetValue("Bench:BaselineEndpoint", false))
            app.MapPost("/bench/empty", () => Results.Ok()).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return app;
    }
}
