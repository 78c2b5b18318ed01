using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Data;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.Workflow;

namespace ComplexCases.Application.Screening;

/// <summary>
/// A screening run and one page of its rejected rows: the run page and <c>GET /api/runs/{id}/rejections</c> both come here.
/// The run's totals are aggregate (<see cref="FindRun"/>); the rows are about people, so <see cref="RejectionsAsync"/> checks
/// <see cref="Permission.ViewRejectedRows"/>, reads the page asked for and audits the rows shown.
/// </summary>
public sealed class ShowRunRejections(ComplexCasesDbContext db, Consultations audit)
{
    public UseCaseResult<RunDetails> FindRun(int runId) =>
        RunDetailsQuery.Find(db, runId) is { } details ? UseCaseResult<RunDetails>.Ok(details) : UseCaseResult<RunDetails>.NotFound();

    public async Task<UseCaseResult<RejectedRowsPage>> RejectionsAsync(StaffUser user, RunDetails run, string? file, string? page, ReadChannel channel)
    {
        if (!user.Has(Permission.ViewRejectedRows)) return UseCaseResult<RejectedRowsPage>.Forbidden("Rejected rows are for those who fix extract quality.");
        var (rejections, problems) = RunDetailsQuery.Rejections(db, run, file, page);
        if (rejections is null) return UseCaseResult<RejectedRowsPage>.Invalid([.. problems.Select(p => new FieldError(p.Key, p.Value))]);
        // No rows shown, nothing about anyone consulted.
        if (rejections.Rows.Count > 0)
        {
            var details = RunDetailsQuery.AuditDetailsOf(rejections);
            if (channel == ReadChannel.Api) details.Add("via", "api");
            await audit.RecordAsync(user.Id, AuditAction.Consultation, AuditEventTypes.RunRejectionsViewed, RunDetailsQuery.AuditPurpose,
                RunDetailsQuery.CrnsShown(rejections.Rows), details.ToString());
        }
        return UseCaseResult<RejectedRowsPage>.Ok(rejections);
    }
}
