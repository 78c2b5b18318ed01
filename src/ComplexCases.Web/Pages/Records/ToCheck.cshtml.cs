using ComplexCases.Application.Access;
using ComplexCases.Application.RecordChecks;
using ComplexCases.Web.Downloads;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Records;

/// <summary>Possibly complex cases as data-quality tasks: what to check and update in each person's records, and why; each table downloads.</summary>
[Authorize(Policy = nameof(Permission.CheckRecords))]
public sealed class ToCheckModel(RecordsToCheck records) : PageModel
{
    public RecordsToCheckView? View { get; private set; }

    public CaseScope Scope { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var user = CurrentUser.Require(HttpContext);
        Scope = ScopeOf(user);
        View = await records.OpenAsync(user, cancellationToken);
    }

    /// <summary>One of the page's tables as CSV: <c>people</c> (what each card says), or the counts <c>teams</c> and <c>pdus</c> where the page shows them.</summary>
    public Task<IActionResult> OnGetCsvAsync([FromQuery(Name = "table")] string? table, CancellationToken cancellationToken) => Download(table, TableFormat.Csv, cancellationToken);

    /// <summary>The same table as a spreadsheet.</summary>
    public Task<IActionResult> OnGetXlsxAsync([FromQuery(Name = "table")] string? table, CancellationToken cancellationToken) => Download(table, TableFormat.Xlsx, cancellationToken);

    private async Task<IActionResult> Download(string? table, TableFormat format, CancellationToken cancellationToken)
    {
        var user = CurrentUser.Require(HttpContext);
        // The counts by team and PDU are shown to those who see more than their own cases; a practitioner's page has only people.
        var tables = ScopeOf(user) == CaseScope.OwnCases ? RecordsTable.OwnTables : RecordsTable.Tables;
        if (table is null || !tables.Contains(table)) return BadRequest("Choose a table: " + string.Join(", ", tables) + ".");
        var view = await records.ExportAsync(user, table, table == RecordsTable.People, TableFile.Extension(format), cancellationToken);
        if (view is null) return BadRequest("No monthly list has been stored yet.");
        return TableFile.Of(RecordsTable.Of(view, table), $"records-to-check-{table}-{view.AsOf:yyyy-MM-dd}", format);
    }

    public string TableLink(string table, string format) => $"/records-to-check?handler={format}&table={table}";

    private static CaseScope ScopeOf(StaffUser user) =>
        user.Roles.Where(r => Permissions.Has(r, Permission.CheckRecords)).Select(Permissions.ScopeOf).DefaultIfEmpty(CaseScope.None).Max();
}
