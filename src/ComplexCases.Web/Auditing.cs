using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Domain.Audit;

namespace ComplexCases.Web;

/// <summary>
/// Records what a signed-in user consulted, disclosed or was refused (DPA 2018 s.62), in the audit log, through
/// <see cref="Consultations"/>, for pages that have no read use case yet. Refusals the web host answers itself are recorded
/// centrally (Operations/AuditedAuthorizationResults, Operations/RefusalAuditing).
/// </summary>
public sealed class Auditing(Consultations consultations)
{
    /// <summary>Completes once the entry is committed: a page is only shown after its consultation is recorded.</summary>
    public Task RecordAsync(StaffUser user, AuditAction action, string eventType, string purpose, IEnumerable<string> crns, string details = "") =>
        consultations.RecordAsync(user.Id, action, eventType, purpose, crns, details);
}
