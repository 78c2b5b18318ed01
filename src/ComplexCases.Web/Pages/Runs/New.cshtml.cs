using ComplexCases.Application.Access;
using ComplexCases.Application.Definitions;
using ComplexCases.Web.Runs;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Runs;

/// <summary>
/// An analyst uploads an extract (a zip, or the CSV files) and runs the screening: the same use case as the CLI, run by
/// a <see cref="ScreeningWorker"/> (on any instance) while <c>/runs/progress/{id}</c> shows how far it has got.
/// </summary>
[Authorize(Policy = nameof(Permission.RunScreening))]
// UploadLimitFilter reads the form within the limit and checks the antiforgery token itself.
[IgnoreAntiforgeryToken]
[TypeFilter<UploadLimitFilter>]
public sealed class NewModel(ExtractUpload upload) : PageModel
{
    [BindProperty] public List<IFormFile> Files { get; set; } = [];
    [BindProperty] public string? AsOf { get; set; }
    [BindProperty] public string? Definition { get; set; }

    public IReadOnlyList<RunDefinitionOption> Definitions { get; private set; } = [];
    public List<(string Field, string Message)> Errors { get; } = [];

    public void OnGet() => Definitions = upload.DefinitionOptions();

    public IActionResult OnPost()
    {
        Definitions = upload.DefinitionOptions();
        if (UploadLimitFilter.IsTooLarge(HttpContext))
        {
            // A national extract is ~115 MB of CSV (~25 MB zipped): an upload over the limit is not an extract.
            Errors.Add((ExtractUpload.FilesField, upload.TooLargeMessage));
            Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return Page();
        }
        var queued = upload.Queue(CurrentUser.Require(HttpContext).Id, Files, AsOf, Definition);
        if (!queued.Succeeded)
        {
            Errors.AddRange(queued.Errors.Select(e => (e.Field, e.Message)));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        // 303: the browser follows with a GET, and going back or refreshing never posts the upload twice.
        Response.Headers.Location = $"/runs/progress/{queued.Value.Id:D}";
        return StatusCode(StatusCodes.Status303SeeOther);
    }
}
