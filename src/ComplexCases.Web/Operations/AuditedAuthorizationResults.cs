using ComplexCases.Application.Audit;
using ComplexCases.Domain.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace ComplexCases.Web.Operations;

/// <summary>
/// Every request refused because the user's role lacks its permission (the forbidden page, or 403 from the API) is an
/// attempted consultation: recorded, with the path and the permission it needed, before the refusal is answered. One place
/// for every page and endpoint, so a new page behind a permission policy is audited without a line of its own.
/// </summary>
internal sealed class AuditedAuthorizationResults(GroupCommitAuditWriter audit) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _answer = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        // Forbidden means signed in but not allowed; not signed in is a challenge (the sign-in page), which refuses no one.
        if (authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated == true)
        {
            var permissions = context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>()
                .Select(a => a.Policy).OfType<string>().Distinct(StringComparer.Ordinal) ?? [];
            await audit.AppendAsync(new AuditEntryRequest(context.User.Identity.Name ?? "anonymous", AuditAction.Consultation,
                AuditEventTypes.AccessDenied, "a page or API call the user's role does not allow")
            {
                Subjects = RefusalAuditing.SubjectsOf(context),
                Details = new AuditDetails().Add("path", RefusalAuditing.PathOf(context)).Add("method", context.Request.Method)
                    .Add("reason", "role").Add("permission", string.Join(",", permissions)).WithToken(context).ToString(),
            });
        }
        await _answer.HandleAsync(next, context, policy, authorizeResult);
    }
}
