using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CampaignConsole.Web.Api;

/// <summary>Names the product and documents the two kinds of key in /openapi/v1.json.</summary>
internal sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Campaign Console API";
        document.Info.Description =
            "Ingestion (/v1/*, Segment-compatible) takes the source's write key as the Basic auth user name or `writeKey` in the body. " +
            "The backend API (/api/v1/*) takes the secret key as `Authorization: Bearer <secret key>`.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["secretKey"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "The source's secret key (sk_…).",
        };
        document.Components.SecuritySchemes["writeKey"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http, Scheme = "basic", Description = "The source's write key (wk_…) as user name, empty password.",
        };
        return Task.CompletedTask;
    }
}
