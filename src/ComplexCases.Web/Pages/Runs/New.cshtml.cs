using System.Globalization;
using System.IO.Compression;
using ComplexCases.Application.Access;
using ComplexCases.Application.Definitions;
using ComplexCases.Extracts.Reading;
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
public sealed class NewModel(ScreeningJobs jobs, UploadLimit limit) : PageModel
{
    [BindProperty] public List<IFormFile> Files { get; set; } = [];
    [BindProperty] public string? AsOf { get; set; }
    [BindProperty] public string? Definition { get; set; }

    public IReadOnlyList<string> Definitions { get; private set; } = [];
    public List<(string Field, string Message)> Errors { get; } = [];

    public void OnGet() => Definitions = ShippedDefinitions();

    public IActionResult OnPost()
    {
        Definitions = ShippedDefinitions();
        if (UploadLimitFilter.IsTooLarge(HttpContext))
        {
            // A national extract is ~115 MB of CSV (~25 MB zipped): an upload over the limit is not an extract.
            Errors.Add(("Files", $"The upload is larger than {limit.Megabytes:N0} MB, the most this service accepts. Check that you chose the month's extract."));
            Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return Page();
        }
        if (!DateOnly.TryParseExact(AsOf?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asOf))
            Errors.Add(("AsOf", "Enter the screening date like 2024-09-01"));
        var definition = string.IsNullOrEmpty(Definition) ? DefinitionFile.PilotId : Definition;
        if (!Definitions.Contains(definition)) Errors.Add(("Definition", "Choose a definition from the list"));
        if (Files.Count == 0) Errors.Add(("Files", "Choose the extract: a zip file, or its CSV files"));
        if (Errors.Count > 0) return Invalid();

        // The upload is unpacked here, so a file that is not an extract is explained at once; the run itself is queued.
        var folder = Path.Combine(Path.GetTempPath(), "complexcases-upload-" + Guid.NewGuid().ToString("N"));
        try
        {
            var unpacked = Unpack(folder);
            if (unpacked is not null)
            {
                Errors.Add(("Files", unpacked));
                return Invalid();
            }
            var job = jobs.Enqueue(CurrentUser.Require(HttpContext).Id, folder, asOf, definition);
            // 303: the browser follows with a GET, and going back or refreshing never posts the upload twice.
            Response.Headers.Location = $"/runs/progress/{job.Id:D}";
            return StatusCode(StatusCodes.Status303SeeOther);
        }
        finally
        {
            // The job holds the extract (zipped, in the database): the unpacked folder is not needed any more.
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
                // Only the extract's own files, flat: no paths out of the folder, nothing else kept.
                var entries = zip.Entries.Where(e => ExtractFiles.All.Contains(e.Name.ToLowerInvariant())).ToList();
                // Two entries for one file (people.csv and ../../people.csv, or People.csv and PEOPLE.CSV) would silently
                // replace one another: which is the month's is not ours to guess.
                if (entries.GroupBy(e => e.Name.ToLowerInvariant()).FirstOrDefault(g => g.Count() > 1) is { } twice)
                    return $"{Files[0].FileName} holds {twice.Key} more than once ({string.Join(" and ", twice.Select(e => $"'{Shown(e.FullName)}'"))}); keep only one";
                // The sizes the zip declares (.NET refuses an entry that unpacks to more than it declares): a small zip must
                // not fill the disk.
                if (entries.Sum(e => e.Length) > limit.Bytes)
                    return $"{Files[0].FileName} unpacks to more than {limit.Megabytes:N0} MB, the most this service accepts";
                foreach (var entry in entries)
                    entry.ExtractToFile(Path.Combine(folder, entry.Name.ToLowerInvariant()), overwrite: true);
            }
            catch (Exception ex) when (ex is InvalidDataException or ArgumentException or IOException)
            {
                return $"{Files[0].FileName} is not a zip file that can be opened";
            }
            return System.IO.File.Exists(Path.Combine(folder, ExtractFiles.People)) ? null : $"{Files[0].FileName} has no people.csv";
        }
        if (Files.GroupBy(f => Path.GetFileName(f.FileName).ToLowerInvariant()).FirstOrDefault(g => g.Count() > 1) is { } same)
            return $"{same.Key} was chosen more than once ({string.Join(" and ", same.Select(f => $"'{Shown(Path.GetFileName(f.FileName))}'"))}); choose it once";
        foreach (var file in Files)
        {
            var name = Path.GetFileName(file.FileName).ToLowerInvariant();
            if (!ExtractFiles.All.Contains(name))
                return $"{Shown(Path.GetFileName(file.FileName))} is not an extract file (expected {string.Join(", ", ExtractFiles.All)}, or one zip file)";
            using var target = System.IO.File.Create(Path.Combine(folder, name));
            file.CopyTo(target);
        }
        return null;
    }

    /// <summary>A name from the upload, cut short: it is echoed in the page.</summary>
    private static string Shown(string name) => name.Length <= 100 ? name : name[..100] + "…";

    /// <summary>
    /// The screening definitions shipped beside the program: the folder also holds the workflow's data files (the bank
    /// holiday calendar, the panel expertise rules), which are not definitions and must not be offered, so only files that
    /// load as a definition are listed.
    /// </summary>
    internal static IReadOnlyList<string> ShippedDefinitions() =>
        Directory.Exists(DefinitionFile.ShippedFolder)
            ? [.. Directory.GetFiles(DefinitionFile.ShippedFolder, "*.json")
                .Where(path => DefinitionFile.Load(path).Succeeded)
                .Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)]
            : [];
}
