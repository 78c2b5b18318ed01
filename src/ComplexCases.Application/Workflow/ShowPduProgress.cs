using ComplexCases.Application.Access;
using ComplexCases.Data;
using ComplexCases.Domain.Workflow;

namespace ComplexCases.Application.Workflow;

/// <summary>What the progress page shows: the report, or null when no list of the operational definition is stored yet.</summary>
public sealed record PduProgressView(PduProgressReport? Report);

/// <summary>
/// Who has and has not acted on this month's list, for a PDU in the user's scope (<c>/progress</c>). Staff names and counts
/// only, no CRNs, so nothing to audit as a consultation.
/// </summary>
public sealed class ShowPduProgress(ComplexCasesDbContext db, WorkflowSettings settings, TimeProvider clock)
{
    public UseCaseResult<PduProgressView> Run(StaffUser user, string? pdu)
    {
        if (!user.Has(Permission.ViewPduProgress)) return UseCaseResult<PduProgressView>.Forbidden("Your role does not include PDU progress.");
        var asked = string.IsNullOrWhiteSpace(pdu) ? null : pdu.Trim();
        var report = PduProgress.Run(db, user, settings.DefinitionId, asked, WorkingCalendar.UkDate(clock.GetUtcNow()));
        // A PDU outside the user's scope (or with nobody listed) is not theirs to see: say nothing about it.
        if (report is not null && asked is not null && report.Pdu is null) return UseCaseResult<PduProgressView>.NotFound();
        return UseCaseResult<PduProgressView>.Ok(new PduProgressView(report));
    }
}
