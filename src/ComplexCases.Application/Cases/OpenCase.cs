using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Data;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.People;

namespace ComplexCases.Application.Cases;

/// <summary>
/// Open a case: the case page and <c>GET /api/cases/{crn}</c> both come here, with the CRN the host parsed (a malformed one is
/// not found there, unaudited, as before). The case is read as the user may see it (names, so <see cref="Permission.ViewCaseNames"/>),
/// and the consultation (or the refusal) audited, in that order.
/// </summary>
public sealed class OpenCase(ComplexCasesDbContext db, Consultations audit)
{
    public const string Purpose = "complex case review";

    /// <param name="historyMonths">The newest months of the person's history to read (the page's default), or null for all.</param>
    public async Task<UseCaseResult<CaseDetails>> RunAsync(StaffUser user, Crn crn, int? runId, ReadChannel channel, int? historyMonths = null)
    {
        var details = await CaseQuery.RunAsync(db, crn, runId, q => q.PermittedTo(user, Permission.ViewCaseNames), historyMonths);
        if (details is null)
        {
            // Someone asked for a case they may not see (or that is not listed): say nothing about it, but record the attempt.
            var (purpose, path) = channel == ReadChannel.Api
                ? ("case requested through the API", $"/api/cases/{crn}")
                : ("case page requested", $"/cases/{crn}");
            await audit.RecordAsync(user.Id, AuditAction.Consultation, AuditEventTypes.AccessDenied, purpose, [crn.ToString()], $"path={path}");
            return UseCaseResult<CaseDetails>.NotFound();
        }
        await audit.RecordAsync(user.Id, AuditAction.Consultation, AuditEventTypes.CaseViewed, Purpose, [crn.ToString()],
            Consultations.Via(channel, $"run={details.Listed.RunId}"));
        return UseCaseResult<CaseDetails>.Ok(details);
    }
}
