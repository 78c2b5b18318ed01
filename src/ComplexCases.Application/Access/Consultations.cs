using ComplexCases.Application.Audit;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.People;

namespace ComplexCases.Application.Access;

/// <summary>
/// Records what a signed-in user consulted, disclosed or was refused (DPA 2018 s.62): the read use cases record their entry
/// here before they return, so nothing is shown that is not audited. In Access, not Audit, because it takes the
/// <see cref="StaffUser"/>: Access uses Audit, never the other way (the feature-folder DAG).
/// </summary>
public sealed class Consultations(GroupCommitAuditWriter writer)
{
    /// <summary>Completes once the entry is committed. Text that is not a CRN is left out of the subjects.</summary>
    public Task RecordAsync(StaffUser user, AuditAction action, string eventType, string purpose, IEnumerable<string> crns, string details = "")
    {
        var subjects = crns.Select(c => Crn.TryParse(c, out var crn) ? crn : (Crn?)null).OfType<Crn>().ToArray();
        return writer.AppendAsync(new AuditEntryRequest(user.Id, action, eventType, purpose)
        {
            Subjects = AuditSubjects.Of(subjects),
            Details = details,
        });
    }

    /// <summary>The entry's details as the channel writes them: the API's end in <c>; via=api</c>.</summary>
    public static string Via(ReadChannel channel, string details) => channel == ReadChannel.Api ? $"{details}; via=api" : details;
}
