using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.People;

namespace ComplexCases.Web;

/// <summary>Records what a signed-in user consulted, disclosed or was refused (DPA 2018 s.62), in the audit log.</summary>
public sealed class Auditing(GroupCommitAuditWriter writer)
{
    /// <summary>Completes once the entry is committed: a page is only shown after its consultation is recorded.</summary>
    public Task RecordAsync(StaffUser user, AuditAction action, string eventType, string purpose, IEnumerable<string> crns, string details = "")
    {
        var subjects = crns.Select(c => Crn.TryParse(c, out var crn) ? crn : (Crn?)null).OfType<Crn>().ToArray();
        return writer.AppendAsync(new AuditEntryRequest(user.Id, action, eventType, purpose)
        {
            Subjects = AuditSubjects.Of(subjects),
            Details = details,
        });
    }
}
