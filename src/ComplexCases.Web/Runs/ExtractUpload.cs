using System.Globalization;
using System.IO.Compression;
using ComplexCases.Application;
using ComplexCases.Application.Definitions;
using ComplexCases.Data;
using ComplexCases.Domain.Workflow;
using ComplexCases.Extracts.Reading;

namespace ComplexCases.Web.Runs;

/// <summary>
/// An uploaded month's extract (one zip, or the CSV files), its screening date and definition, checked and queued as a
/// <see cref="ScreeningJob"/>: the one place both the page (<c>/runs/new</c>) and the API (<c>POST /api/runs</c>) queue an upload,
/// so both refuse the same uploads with the same words. Nothing is stored for a refused upload. Errors name the form's fields
/// (<see cref="FilesField"/>, <see cref="AsOfField"/>, <see cref="DefinitionField"/>).
/// </summary>
public sealed class ExtractUpload(ScreeningJobs jobs, UploadLimit limit, IServiceScopeFactory scopes, TimeProvider clock)
{
    public const string FilesField = "Files";
    public const string AsOfField = "AsOf";
    public const string DefinitionField = "Definition";

    public UploadLimit Limit => limit;

    /// <summary>What the page and the API say about an upload over the limit (answered 413, unread).</summary>
    public string TooLargeMessage =>
        $"The upload is larger than {limit.Megabytes:N0} MB, the most this service accepts. Check that you chose the month's extract.";

    /// <summary>
    /// What the definition list offers, the adopted one (the default) first: named with the adoption in force this month, though
    /// the run resolves it for its own screening date when it runs.
    /// </summary>
    public IReadOnlyList<RunDefinitionOption> DefinitionOptions() =>
        WithDb(db => RunDefinitionChoices.Options(db, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ShippedDefinitions()));

    /// <summary>Checks the upload and queues it for <paramref name="ownerId"/>; Invalid, naming each field that is wrong, if not.</summary>
    public UseCaseResult<ScreeningJob> Queue(string ownerId, IReadOnlyList<IFormFile> files, string? asOfText, string? definitionText)
    {
        var errors = new List<FieldError>();
        if (!DateOnly.TryParseExact(asOfText?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asOf))
            errors.Add(new FieldError(AsOfField, "Enter the screening date like 2024-09-01"));
        // No choice is the operational one: resolved when the job runs, for its month, exactly as the CLI resolves it.
        var definition = WithDb(db => RunDefinitionChoices.Parse(db, definitionText, ShippedDefinitions()));
        if (!definition.Succeeded) errors.AddRange(definition.Errors.Select(e => new FieldError(DefinitionField, e.Message)));
        if (files.Count == 0) errors.Add(new FieldError(FilesField, "Choose the extract: a zip file, or its CSV files"));
        if (errors.Count > 0) return UseCaseResult<ScreeningJob>.Invalid(errors);

        // The upload is unpacked here, so a file that is not an extract is explained at once; the run itself is queued.
        var folder = Path.Combine(Path.GetTempPath(), "complexcases-upload-" + Guid.NewGuid().ToString("N"));
        try
        {
            if (Unpack(files, folder) is { } wrong) return UseCaseResult<ScreeningJob>.Invalid(FilesField, wrong);
            return UseCaseResult<ScreeningJob>.Ok(jobs.Enqueue(ownerId, folder, asOf, definition.Value!));
        }
        finally
        {
            // The job holds the extract (zipped, in the database): the unpacked folder is not needed any more.
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Writes the upload as an extract folder; returns what is wrong with it, if anything.</summary>
    private string? Unpack(IReadOnlyList<IFormFile> files, string folder)
    {
        Directory.CreateDirectory(folder);
        if (files.Count == 1 && files[0].FileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                using var zip = new ZipArchive(files[0].OpenReadStream(), ZipArchiveMode.Read);
                // Only the extract's own files, flat: no paths out of the folder, nothing else kept.
                var entries = zip.Entries.Where(e => ExtractFiles.All.Contains(e.Name.ToLowerInvariant())).ToList();
                // Two entries for one file (people.csv and ../../people.csv, or People.csv and PEOPLE.CSV) would silently
                // replace one another: which is the month's is not ours to guess.
                if (entries.GroupBy(e => e.Name.ToLowerInvariant()).FirstOrDefault(g => g.Count() > 1) is { } twice)
                    return $"{files[0].FileName} holds {twice.Key} more than once ({string.Join(" and ", twice.Select(e => $"'{Shown(e.FullName)}'"))}); keep only one";
                // The sizes the zip declares (.NET refuses an entry that unpacks to more than it declares): a small zip must
                // not fill the disk.
                if (entries.Sum(e => e.Length) > limit.Bytes)
                    return $"{files[0].FileName} unpacks to more than {limit.Megabytes:N0} MB, the most this service accepts";
                foreach (var entry in entries)
                    entry.ExtractToFile(Path.Combine(folder, entry.Name.ToLowerInvariant()), overwrite: true);
            }
            catch (Exception ex) when (ex is InvalidDataException or ArgumentException or IOException)
            {
                return $"{files[0].FileName} is not a zip file that can be opened";
            }
            return File.Exists(Path.Combine(folder, ExtractFiles.People)) ? null : $"{files[0].FileName} has no people.csv";
        }
        if (files.GroupBy(f => Path.GetFileName(f.FileName).ToLowerInvariant()).FirstOrDefault(g => g.Count() > 1) is { } same)
            return $"{same.Key} was chosen more than once ({string.Join(" and ", same.Select(f => $"'{Shown(Path.GetFileName(f.FileName))}'"))}); choose it once";
        foreach (var file in files)
        {
            var name = Path.GetFileName(file.FileName).ToLowerInvariant();
            if (!ExtractFiles.All.Contains(name))
                return $"{Shown(Path.GetFileName(file.FileName))} is not an extract file (expected {string.Join(", ", ExtractFiles.All)}, or one zip file)";
            using var target = File.Create(Path.Combine(folder, name));
            file.CopyTo(target);
        }
        return null;
    }

    private T WithDb<T>(Func<ComplexCasesDbContext, T> work)
    {
        using var scope = scopes.CreateScope();
        return work(scope.ServiceProvider.GetRequiredService<ComplexCasesDbContext>());
    }

    /// <summary>A name from the upload, cut short: it is echoed in the page and the problem details.</summary>
    private static string Shown(string name) => name.Length <= 100 ? name : name[..100] + "…";

    /// <summary>
    /// The screening definitions shipped beside the program: the folder also holds the workflow's data files (the bank
    /// holiday calendar, the panel expertise rules), which are not definitions and must not be offered, so only files that
    /// load as a definition are listed.
    /// </summary>
    public static IReadOnlyList<string> ShippedDefinitions() =>
        Directory.Exists(DefinitionFile.ShippedFolder)
            ? [.. Directory.GetFiles(DefinitionFile.ShippedFolder, "*.json")
                .Where(path => DefinitionFile.Load(path).Succeeded)
                .Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)]
            : [];
}
