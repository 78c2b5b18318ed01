using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ComplexCases.Web.Api;

/// <summary>
/// The OpenAPI document says how to authenticate: a <c>Bearer</c> security scheme (a personal access token) in its components,
/// and a requirement for it on every <c>/api</c> operation, so generated clients send the header.
/// </summary>
internal static class OpenApiSecurity
{
    public const string SchemeName = "Bearer";

    public static OpenApiOptions AddBearerSecurity(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
            document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "cct_ personal access token",
                Description = "A personal access token made on the account's API tokens page (/account/tokens). It acts with the " +
                    "account's current roles and scope; an expired or revoked token, or one of a locked account, is 401.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.RelativePath?.StartsWith("api/", StringComparison.OrdinalIgnoreCase) == true)
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] });
            }
            return Task.CompletedTask;
        });
        return options;
    }
}
