using System.ComponentModel.DataAnnotations;
using ComplexCases.Application.Access;
using ComplexCases.Application.Lists;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Lists;

/// <summary>Downloading a list is a disclosure: the user says who it is for, and it is audited with every CRN in it.</summary>
[Authorize(Policy = nameof(Permission.DownloadList))]
public sealed class DownloadModel(DownloadMonthlyList download) : PageModel
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
        var result = await download.RunAsync(CurrentUser.Require(HttpContext),
            new DownloadAsked(Pdu, Run, format!.Value, Recipient!, Purpose!));
        if (!result.Succeeded) return NotFound();
        var file = result.Value;
        return File(file.Content, file.Format == DownloadFormat.Xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv", file.FileName);
    }
}
