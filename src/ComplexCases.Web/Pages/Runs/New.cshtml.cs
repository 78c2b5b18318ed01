using System.Globalization;
using System.IO.Compression;
using ComplexCases.Application;
using ComplexCases.Application.Access;
using ComplexCases.Application.Definitions;
using ComplexCases.Application.Screening;
using ComplexCases.Application.Storage;
using ComplexCases.Extracts.Reading;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Runs;

/// <summary>An analyst uploads an extract (a zip, or the CSV files) and runs the screening: the same use case as the CLI.</summary>
[Authorize(Policy = nameof(Permission.RunScreening))]
[RequestSizeLimit(MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes)]
public sealed class NewModel(DatabaseTarget database, TimeProvider clock, ComplexCases.Application.Workflow.WorkflowSettings workflow) : PageModel
{
    /// <summary>A national extract is ~115 MB of CSV (~25 MB zipped); anything near this is not an extract.</summary>
    public const long MaxUploadBytes = 512L * 1024 * 1024;

    [BindProperty] public List<IFormFile> Files { get; set; } = [];
    [BindProperty] public string? AsOf { get; set; }
    [BindProperty] public string? Definition { get; set; }

    public IReadOnlyList<string> Definitions { get; private set; } = [];
    public List<(string Field, string Message)> Errors { get; } = [];

    public void OnGet() => Definitions = ShippedDefinitions();

    public IActionResult OnPost()
    {
        Definitions = ShippedDefinitions();
        if (!DateOnly.TryParseExact(AsOf?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asOf))
            Errors.Add(("AsOf", "Enter the screening date like 2024-09-01"));
        var definition = string.IsNullOrEmpty(Definition) ? DefinitionFile.PilotId : Definition;
        if (!Definitions.Contains(definition)) Errors.Add(("Definition", "Choose a definition from the list"));
        if (Files.Count == 0) Errors.Add(("Files", "Choose the extract: a zip file, or its CSV files"));
        if (Errors.Count > 0) return Invalid();

        var folder = Path.Combine(Path.GetTempPath(), "complexcases-upload-" + Guid.NewGuid().ToString("N"));
        try
        {
            var unpacked = Unpack(folder);
            if (unpacked is not null)
            {
                Errors.Add(("Files", unpacked));
                return Invalid();
            }
            var result = new ScreenExtract(clock, workflow).Run(new ScreenRequest(folder, asOf, Path.Combine(folder, "out"))
            {
                DefinitionPath = Path.Combine(DefinitionFile.ShippedFolder, definition + ".json"),
                Database = database.ConnectionString,
                RunBy = CurrentUser.Require(HttpContext).Id,
                WriteWorkbooks = false,
            });
            if (!result.Succeeded)
            {
                Errors.Add(("Files", result.Status == UseCaseStatus.Invalid ? result.Error : $"The run failed: {result.Error}"));
                return Invalid();
            }
            var r = result.Value;
            TempData["Banner"] = r.AlreadyStored
                ? $"This extract, date and definition were already stored as run {r.RunId}."
                : string.Create(CultureInfo.InvariantCulture, $"Run {r.RunId} stored: {r.People:N0} people screened, {r.Complex:N0} complex, {r.PossiblyComplex:N0} possibly complex, {r.Extract.RowsRejected:N0} rows rejected.");
            return RedirectToPage("/Runs/Index");
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>Writes the upload as an extract folder; returns what is wrong with it, if anything.</summary>
    private string? Unpack(string folder)
    {
        Directory.CreateDirectory(folder);
        if (Files.Count == 1 && Files[0].FileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                using var zip = new ZipArchive(Files[0].OpenReadStream(), ZipArchiveMode.Read);
                foreach (var entry in zip.Entries.Where(e => !string.IsNullOrEmpty(e.Name)))
                {
                    // Only the extract's own files, flat: no paths out of the folder, nothing else kept.
                    if (!ExtractFiles.All.Contains(entry.Name.ToLowerInvariant())) continue;
                    entry.ExtractToFile(Path.Combine(folder, entry.Name.ToLowerInvariant()), overwrite: true);
                }
            }
            catch (Exception ex) when (ex is InvalidDataException or ArgumentException or IOException)
            {
                return $"{Files[0].FileName} is not a zip file that can be opened";
            }
            return System.IO.File.Exists(Path.Combine(folder, ExtractFiles.People)) ? null : $"{Files[0].FileName} has no people.csv";
        }
        foreach (var file in Files)
        {
            var name = Path.GetFileName(file.FileName).ToLowerInvariant();
            if (!ExtractFiles.All.Contains(name))
                return $"{Path.GetFileName(file.FileName)} is not an extract file (expected {string.Join(", ", ExtractFiles.All)}, or one zip file)";
            using var target = System.IO.File.Create(Path.Combine(folder, name));
            file.CopyTo(target);
        }
        return null;
    }

    private static IReadOnlyList<string> ShippedDefinitions() =>
        Directory.Exists(DefinitionFile.ShippedFolder)
            ? [.. Directory.GetFiles(DefinitionFile.ShippedFolder, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)]
            : [];
}
