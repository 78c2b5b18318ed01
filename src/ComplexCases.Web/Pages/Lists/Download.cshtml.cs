using System.ComponentModel.DataAnnotations;
using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Lists;
using ComplexCases.Data;
using ComplexCases.Domain.Audit;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Lists;

/// <summary>Downloading a list is a disclosure: the user says who it is for, and it is audited with every CRN in it.</summary>
[Authorize(Policy = nameof(Permission.DownloadList))]
public sealed class DownloadModel(ComplexCasesDbContext db, MonthlyListCache lists, Auditing audit) : PageModel
{
    [FromRoute] public string Pdu { get; set; } = "";
    [FromQuery] public int? Run { get; set; }

    [BindProperty, Required(ErrorMessage = "Enter who the list is for"), StringLength(200, ErrorMessage = "Recipient must be 200 characters or fewer")]
    public string? Recipient { get; set; }

    [BindProperty, Required(ErrorMessage = "Enter why it is needed"), StringLength(500, ErrorMessage = "Purpose must be 500 characters or fewer")]
    public string? Purpose { get; set; }

    [BindProperty] public string? Format { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var format = Format switch
        {
            null or "" or "csv" => DownloadFormat.Csv,
            "xlsx" => DownloadFormat.Xlsx,
            _ => (DownloadFormat?)null,
        };
        if (format is null) ModelState.AddModelError(nameof(Format), "Choose CSV or XLSX");
        if (!ModelState.IsValid) return Page();
        var user = CurrentUser.Require(HttpContext);
        var download = DownloadList.Run(db, Pdu, Run, CaseFilter.For(user, Permission.DownloadList), format!.Value, lists);
        if (download is null) return NotFound();
        await audit.RecordAsync(user, AuditAction.Disclosure, AuditEventTypes.ListDownloaded, Purpose!, download.Value.Crns,
            new AuditDetails().Add("pdu", Pdu).Add("run", Run?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "latest")
                .Add("recipient", Recipient!).Add("format", format.Value.ToString().ToLowerInvariant()).ToString());
        return format == DownloadFormat.Xlsx
            ? File(download.Value.Content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{ListFiles.FileNameFor(Pdu)}.xlsx")
            : File(download.Value.Content, "text/csv", $"{ListFiles.FileNameFor(Pdu)}.csv");
    }
}
