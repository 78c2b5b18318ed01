using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Data;
using ComplexCases.Domain.Audit;

namespace ComplexCases.Application.Administration;

/// <summary>The search as the administrator typed it, which the audit entry keeps (the query holds it parsed).</summary>
public sealed record AuditSearchTyped(string? Actor, string? From, string? To, string? EventType = null);

/// <summary>
/// An administrator searches the audit log (<c>/admin/audit</c>; the command line's <c>audit list</c> is Audit/SearchAuditLog, which opens a database of its own): the search is itself a consultation, recorded with the CRN
/// searched for and what was typed. The page checks and parses the form; here the log is read and the search audited.
/// </summary>
public sealed class BrowseAuditLog(ComplexCasesDbContext db, Consultations audit)
{
    public async Task<UseCaseResult<AuditPage>> RunAsync(StaffUser user, AuditQuery query, AuditSearchTyped typed)
    {
        if (!user.Has(Permission.ViewAuditLog)) return UseCaseResult<AuditPage>.Forbidden("Your role does not include the audit log.");
        var page = AuditSearch.Find(db, query);
        await audit.RecordAsync(user.Id, AuditAction.Consultation, AuditEventTypes.AuditSearched, "audit log search",
            query.Crn is { } c ? [c.ToString()] : [], new AuditDetails().Add("actor", typed.Actor ?? "").Add("from", typed.From ?? "").Add("to", typed.To ?? "").Add("event", typed.EventType ?? "").ToString());
        return UseCaseResult<AuditPage>.Ok(page);
    }
}
