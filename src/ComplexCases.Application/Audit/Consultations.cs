using ComplexCases.Domain.Audit;
using ComplexCases.Domain.People;

namespace ComplexCases.Application.Audit;

/// <summary>Where a read was asked from. The audit entry says so, because the same use case answers both.</summary>
public enum ReadChannel
{
    /// <summary>A page of the web application.</summary>
    Page,
    /// <summary>The JSON API under <c>/api</c> (entries add <c>via=api</c>).</summary>
    Api,
}

/// <summary>
/// Records what a signed-in user consulted, disclosed or was refused (DPA 2018 s.62): the read use cases record their entry
/// here before they return, so nothing is shown that is not audited.
/// </summary>
public sealed class Consultations(GroupCommitAuditWriter writer)
{
    /// <summary>
    /// Whether this scope (in the web, one request) has recorded a refusal (<c>access.denied</c>): the web host's catch-all for
    /// refused requests then writes no second, vaguer entry for the same request.
    /// </summary>
    public bool RecordedRefusal { get; private set; }

    /// <summary>The name of the personal access token this scope's calls were made with, if any: its entries end in <c>; token=…</c>.</summary>
    public string? Token { get; set; }

    /// <summary>
    /// Completes once the entry is committed. Text that is not a CRN is left out of the subjects. The actor is the user's
    /// id, not the user: Audit sits below Access (Access audits account changes), so it must not know Access's types.
    /// </summary>
    public Task RecordAsync(string actor, AuditAction action, string eventType, string purpose, IEnumerable<string> crns, string details = "")
    {
        if (eventType == AuditEventTypes.AccessDenied) RecordedRefusal = true;
        var subjects = crns.Select(c => Crn.TryParse(c, out var crn) ? crn : (Crn?)null).OfType<Crn>().ToArray();
        return writer.AppendAsync(new AuditEntryRequest(actor, action, eventType, purpose)
        {
            Subjects = AuditSubjects.Of(subjects),
            Details = Token is null ? details : $"{details}; token={Token}",
        });
    }

    /// <summary>The entry's details as the channel writes them: the API's end in <c>; via=api</c>.</summary>
    public static string Via(ReadChannel channel, string details) => channel == ReadChannel.Api ? $"{details}; via=api" : details;
}
