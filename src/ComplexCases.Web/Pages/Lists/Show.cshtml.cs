using ComplexCases.Application;
using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Lists;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Lists;

/// <summary>A PDU's monthly list: filter, sort, page.</summary>
[Authorize(Policy = nameof(Permission.ViewMonthlyList))]
public sealed class ShowModel(ShowMonthlyList show, Pseudonymiser pseudonyms) : PageModel
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

    public string Pseudonym(string crn) => pseudonyms.For(Domain.People.Crn.Parse(crn));
    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var user = CurrentUser.Require(HttpContext);
        var result = await show.RunAsync(user, new MonthlyListAsked(Pdu)
        {
            Run = Run, Status = Status, Change = Change, Team = Team, Practitioner = Practitioner, Criterion = Criterion, Sort = Sort,
            Page = PageNumber,
        }, ReadChannel.Page);
        if (result.Status == UseCaseStatus.NotFound) return NotFound();
        if (!result.Succeeded)
        {
            Errors.AddRange(result.Errors.Select(e => e.Message));
            return ResultToPage.WithStatus(this, result.Status);
        }
        (List, ShowNames) = (result.Value.List, result.Value.ShowNames);
        CanDownload = user.Has(Permission.DownloadList);
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
