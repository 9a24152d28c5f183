using System.Text.Json;
using System.Text.Json.Serialization;
using CampaignConsole.Web.Api;

namespace Microsoft.Extensions.DependencyInjection;

internal static class ApiServiceCollectionExtensions
{
    /// <summary>JSON conventions, RFC 7807 errors for everything that fails, and the OpenAPI document.</summary>
    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        services.AddProblemDetails();
        services.AddIngestCors();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        // Bad JSON or a missing body reaches the exception handler, which names the fault.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi(o => o.AddDocumentTransformer<ApiDocumentTransformer>());
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }
}
