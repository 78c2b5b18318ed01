using ComplexCases.Application.Lists;
using ComplexCases.Data;
using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.Screening;
using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Domain.Audit;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Lists;

/// <summary>A PDU's monthly list: filter, sort, page.</summary>
[Authorize(Policy = nameof(Permission.ViewMonthlyList))]
public sealed class ShowModel(ComplexCasesDbContext db, MonthlyListCache lists, Auditing audit, Pseudonymiser pseudonyms) : PageModel
{
    [FromRoute] public string Pdu { get; set; } = "";
    [FromQuery] public string? Run { get; set; }
    [FromQuery] public string? Status { get; set; }
    [FromQuery] public string? Change { get; set; }
    [FromQuery] public string? Team { get; set; }
    [FromQuery] public string? Practitioner { get; set; }
    [FromQuery] public string? Criterion { get; set; }
    [FromQuery] public string? Sort { get; set; }
    [FromQuery(Name = "page")] public string? PageNumber { get; set; }

    public MonthlyList? List { get; private set; }
    /// <summary>Analysts see pseudonymised lists: no names, no link to the case.</summary>
    public bool ShowNames { get; private set; }

    public bool CanDownload { get; private set; }

    public string Pseudonym(string crn) => pseudonyms.For(crn);
    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var (request, errors) = MonthlyListParameters.Parse(Pdu, Run, Status, Change, Team, Practitioner, Criterion, Sort, PageNumber);
        Errors.AddRange(errors.Values);
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var user = CurrentUser.Require(HttpContext);
        ShowNames = CaseAccess.NamesFor(user) == NameVisibility.All;
        if (!ShowNames)
        {
            (request, var sortError) = MonthlyListParameters.Pseudonymised(request, Sort, pseudonyms.For);
            if (sortError is not null)
            {
                Errors.Add(sortError);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }
        }
        List = MonthlyListQuery.Run(db, request, CaseFilter.For(user, Permission.ViewMonthlyList), lists);
        if (List is null || List.TotalMatching + List.Complex + List.PossiblyComplex + List.Left == 0) return NotFound();
        CanDownload = user.Has(Permission.DownloadList);
        await audit.RecordAsync(user, AuditAction.Consultation, AuditEventTypes.ListViewed, "monthly complex case list review",
            List.Rows.Select(r => r.Crn), $"pdu={Pdu}; run={List.Run.Id}; page={List.Page}");
        return Page();
    }

    public string Link(int? page = null, string? sort = null) => QueryHelpers(new Dictionary<string, string?>
    {
        ["run"] = List?.Run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["status"] = Status, ["change"] = Change, ["team"] = Team, ["practitioner"] = Practitioner, ["criterion"] = Criterion,
        ["sort"] = sort ?? Sort, ["page"] = page?.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    private string QueryHelpers(Dictionary<string, string?> values) =>
        $"/lists/{Uri.EscapeDataString(Pdu)}" + Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("", values.Where(v => v.Value is not null)!);
}
