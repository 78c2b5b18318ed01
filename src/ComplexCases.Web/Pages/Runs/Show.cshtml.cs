using System.Globalization;
using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Screening;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Runs;

/// <summary>
/// One screening run: its totals and row counts per file (aggregate, for anyone who may see runs) and, for those who fix
/// extract quality (<see cref="Permission.ViewRejectedRows"/>), its rejected rows, filtered by file and paged.
/// </summary>
[Authorize(Policy = nameof(Permission.ViewRuns))]
public sealed class ShowModel(ShowRunRejections runs) : PageModel
{
    [FromRoute] public int Id { get; set; }
    [FromQuery(Name = "file")] public string? FileName { get; set; }
    [FromQuery(Name = "page")] public string? PageNumber { get; set; }

    public RunDetails Details { get; private set; } = null!;
    public bool CanViewRejections { get; private set; }
    /// <summary>Null when the user may not see rejected rows, or the query was bad.</summary>
    public RejectedRowsPage? Rejections { get; private set; }
    public List<(string Field, string Message)> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var found = runs.FindRun(Id);
        if (!found.Succeeded) return NotFound();
        Details = found.Value;
        var user = CurrentUser.Require(HttpContext);
        CanViewRejections = user.Has(Permission.ViewRejectedRows);
        // The query only chooses which rejected rows to show, so without them there is nothing to read it for.
        if (!CanViewRejections) return Page();

        var rejections = await runs.RejectionsAsync(user, Details, FileName, PageNumber, ReadChannel.Page);
        if (!rejections.Succeeded)
        {
            Errors.AddRange(rejections.Errors.Select(e => (e.Field, e.Message)));
            return ResultToPage.WithStatus(this, rejections.Status);
        }
        Rejections = rejections.Value;
        return Page();
    }

    public string Link(int? page = null, string? file = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["file"] = file ?? Rejections?.File,
            ["page"] = page is > 1 ? page.Value.ToString(CultureInfo.InvariantCulture) : null,
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString($"/runs/{Id.ToString(CultureInfo.InvariantCulture)}",
            query.Where(q => q.Value is not null)!) + "#rejected-rows";
    }

    /// <summary>
    /// The page numbers to offer (GOV.UK pagination): the first, the last, and the current with its neighbours; null for an
    /// ellipsis. A run can reject tens of thousands of rows, so not every page gets a link.
    /// </summary>
    public static IReadOnlyList<int?> PageItems(int current, int count)
    {
        var items = new List<int?>();
        for (var p = 1; p <= count; p++)
        {
            if (Shown(p)) items.Add(p);
            // An ellipsis standing for one page would take the same room as its number.
            else if (Shown(p - 1) && Shown(p + 1)) items.Add(p);
            else if (items[^1] is not null) items.Add(null);
        }
        return items;

        bool Shown(int p) => p == 1 || p == count || Math.Abs(p - current) <= 1;
    }
}
