using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Data;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Workflow;

namespace ComplexCases.Application.Lists;

/// <summary>A monthly list as asked for in an address: the words of the query string, unread.</summary>
public sealed record MonthlyListAsked(string Pdu)
{
    public string? Run { get; init; }
    public string? Status { get; init; }
    public string? Change { get; init; }
    public string? Team { get; init; }
    public string? Practitioner { get; init; }
    public string? Criterion { get; init; }
    public string? Sort { get; init; }
    public string? Page { get; init; }
    public string? PageSize { get; init; }
}

/// <summary>A list as its viewer may see it: with names, or pseudonyms only (then no names and no link to the case).</summary>
public sealed record MonthlyListView(MonthlyList List, bool ShowNames);

/// <summary>
/// Show a month's list: the list page and <c>GET /api/lists/{pdu}</c> both come here. The query is read (one message per bad
/// parameter, keyed by its name), the sort checked against what a pseudonymised viewer may ask, the list scoped to the cases
/// the user may see, and the rows shown audited.
/// </summary>
public sealed class ShowMonthlyList(ComplexCasesDbContext db, MonthlyListCache lists, Pseudonymiser pseudonyms, Consultations audit)
{
    public const string Purpose = "monthly complex case list review";

    public async Task<UseCaseResult<MonthlyListView>> RunAsync(StaffUser user, MonthlyListAsked asked, ReadChannel channel)
    {
        var (request, problems) = MonthlyListParameters.Parse(asked.Pdu, asked.Run, asked.Status, asked.Change, asked.Team,
            asked.Practitioner, asked.Criterion, asked.Sort, asked.Page, asked.PageSize);
        if (problems.Count > 0) return UseCaseResult<MonthlyListView>.Invalid([.. problems.Select(p => new FieldError(p.Key, p.Value))]);

        var names = CaseAccess.NamesFor(user) == NameVisibility.All;
        if (!names)
        {
            (request, var sortError) = MonthlyListParameters.Pseudonymised(request, asked.Sort, crn => pseudonyms.For(Crn.Parse(crn)));
            if (sortError is not null) return UseCaseResult<MonthlyListView>.Invalid("sort", sortError);
        }
        var list = MonthlyListQuery.Run(db, request, CaseFilter.For(user, Permission.ViewMonthlyList), lists);
        // No run, or nothing in this PDU the user may see: the same answer, so a PDU code says nothing about its cases.
        if (list is null || list.TotalMatching + list.Complex + list.PossiblyComplex + list.Left == 0) return UseCaseResult<MonthlyListView>.NotFound();

        await audit.RecordAsync(user.Id, AuditAction.Consultation, AuditEventTypes.ListViewed, Purpose, list.Rows.Select(r => r.Crn),
            Consultations.Via(channel, $"pdu={asked.Pdu}; run={list.Run.Id}; page={list.Page}"));
        return UseCaseResult<MonthlyListView>.Ok(new MonthlyListView(list, names));
    }
}
