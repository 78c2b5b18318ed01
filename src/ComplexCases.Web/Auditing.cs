using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Domain.Audit;

namespace ComplexCases.Web;

/// <summary>
/// Records what a signed-in user consulted, disclosed or was refused (DPA 2018 s.62), in the audit log: the refusals the
/// web host itself answers, and (through <see cref="Consultations"/>) what pages that have no read use case yet show.
/// </summary>
public sealed class Auditing(Consultations consultations)
{
    /// <summary>
    /// A page or API call refused because the user's role lacks its permission (the forbidden page, or 403 from the API) is
    /// an attempted consultation: recorded with the path and method before the refusal is answered.
    /// </summary>
    public static Func<Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>, Task>
        RefusalsRecorded(Func<Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>, Task> answer) =>
        async context =>
        {
            var path = context.Request.Path.Value ?? "";
            if (path.Length > 200) path = path[..200];
            await context.HttpContext.RequestServices.GetRequiredService<GroupCommitAuditWriter>().AppendAsync(new AuditEntryRequest(
                context.HttpContext.User.Identity?.Name ?? "anonymous", AuditAction.Consultation, AuditEventTypes.AccessDenied,
                "a page or API call the user's role does not allow")
            {
                Details = new AuditDetails().Add("path", path).Add("method", context.Request.Method).Add("reason", "role").ToString(),
            });
            await answer(context);
        };

    /// <summary>Completes once the entry is committed: a page is only shown after its consultation is recorded.</summary>
    public Task RecordAsync(StaffUser user, AuditAction action, string eventType, string purpose, IEnumerable<string> crns, string details = "") =>
        consultations.RecordAsync(user.Id, action, eventType, purpose, crns, details);
}
