using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Data;
using ComplexCases.Domain.Audit;

namespace ComplexCases.Application.Cases;

/// <summary>
/// Open a case: the case page and <c>GET /api/cases/{crn}</c> both come here. The CRN is checked, the case read as the user may
/// see it (names, so <see cref="Permission.ViewCaseNames"/>), and the consultation (or the refusal) audited, in that order.
/// </summary>
public sealed class OpenCase(ComplexCasesDbContext db, Consultations audit)
{
    public const string Purpose = "complex case review";

    public async Task<UseCaseResult<CaseDetails>> RunAsync(StaffUser user, string crn, int? runId, ReadChannel channel)
    {
        // Not listed, not visible and malformed all look the same from outside: nothing to say about that CRN.
        if (!Domain.People.Crn.TryParse(crn, out _)) return UseCaseResult<CaseDetails>.NotFound();
        var details = CaseQuery.Run(db, crn, runId, q => q.PermittedTo(user, Permission.ViewCaseNames));
        if (details is null)
        {
            // Someone asked for a case they may not see (or that is not listed): say nothing about it, but record the attempt.
            var (purpose, path) = channel == ReadChannel.Api
                ? ("case requested through the API", $"/api/cases/{crn}")
                : ("case page requested", $"/cases/{crn}");
            await audit.RecordAsync(user.Id, AuditAction.Consultation, AuditEventTypes.AccessDenied, purpose, [crn], $"path={path}");
            return UseCaseResult<CaseDetails>.NotFound();
        }
        await audit.RecordAsync(user.Id, AuditAction.Consultation, AuditEventTypes.CaseViewed, Purpose, [crn],
            Consultations.Via(channel, $"run={details.Listed.RunId}"));
        return UseCaseResult<CaseDetails>.Ok(details);
    }
}
