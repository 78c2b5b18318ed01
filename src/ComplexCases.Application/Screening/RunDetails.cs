using System.Globalization;
using ComplexCases.Application.Audit;
using ComplexCases.Data;
using ComplexCases.Data.Screening;
using ComplexCases.Extracts.Reading;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Screening;

/// <summary>A stored run with its row counts per extract file: aggregate, no personal data.</summary>
public sealed record RunDetails(ScreeningRun Run, IReadOnlyList<RunFile> Files);

/// <summary>One page of a run's rejected rows (all files, or one), in file then line order.</summary>
public sealed record RejectedRowsPage(int RunId, string? File, IReadOnlyList<RejectedRow> Rows, int Total, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// Reads a run and pages its rejected rows, as the run page and the JSON API both show them, with one precise message
/// per bad query parameter (keyed by the parameter's name).
/// </summary>
public static class RunDetailsQuery
{
    public const int PageSize = 100;

    /// <summary>The purpose recorded when rejected rows are shown (<c>run.rejections_viewed</c>).</summary>
    public const string AuditPurpose = "extract quality: rejected rows of a screening run";

    public static RunDetails? Find(ComplexCasesDbContext db, int runId)
    {
        ArgumentNullException.ThrowIfNull(db);
        var run = db.Runs.AsNoTracking().FirstOrDefault(r => r.Id == runId);
        if (run is null) return null;
        // In the order the extract contract lists the files (people first), as the importer reports them.
        var files = db.RunFiles.AsNoTracking().Where(f => f.RunId == runId).AsEnumerable()
            .OrderBy(f => ContractOrder(f.FileName)).ThenBy(f => f.FileName, StringComparer.Ordinal)
            .ToList();
        return new RunDetails(run, files);
    }

    /// <param name="file">A file of the run, or null or empty for every file.</param>
    /// <param name="page">The page's number as written in the query string; null for the first.</param>
    public static (RejectedRowsPage? Page, IReadOnlyDictionary<string, string> Errors) Rejections(
        ComplexCasesDbContext db, RunDetails details, string? file, string? page)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(details);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var pageNumber = 1;
        if (page is not null)
        {
            if (!int.TryParse(page, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out pageNumber)) errors["page"] = "Page must be a whole number";
            else if (pageNumber < 1) errors["page"] = "Page must be 1 or more";
        }
        if (string.IsNullOrEmpty(file)) file = null;
        else if (!details.Files.Any(f => f.FileName == file))
        {
            errors["file"] = details.Files.Count == 0
                ? $"File must be empty: run {details.Run.Id} has no files"
                : $"File must be one of {string.Join(", ", details.Files.Select(f => f.FileName))} (the files of run {details.Run.Id})";
        }
        if (errors.Count > 0) return (null, errors);

        var runId = details.Run.Id;
        // Both shapes are served by the (RunId, FileName, Line) index: count and order without touching the table's rows
        // until the page's hundred are read, however many thousands a run rejected.
        var rows = file is null
            ? db.RejectedRows.AsNoTracking().Where(r => r.RunId == runId)
            : db.RejectedRows.AsNoTracking().Where(r => r.RunId == runId && r.FileName == file);
        var total = rows.Count();
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        if (pageNumber > pageCount)
        {
            var what = file is null ? $"run {runId} has" : $"{file} in run {runId} has";
            errors["page"] = string.Create(CultureInfo.InvariantCulture,
                $"Page must be {pageCount} or less: {what} {total:N0} rejected row{(total == 1 ? "" : "s")}, {PageSize} a page");
            return (null, errors);
        }
        var shown = rows.OrderBy(r => r.FileName).ThenBy(r => r.Line).ThenBy(r => r.Id)
            .Skip((pageNumber - 1) * PageSize).Take(PageSize).ToList();
        return (new RejectedRowsPage(runId, file, shown, total, pageNumber, PageSize), errors);
    }

    /// <summary>
    /// The CRNs among rows shown, for the audit log: whole CRNs in a crn column. The importer masks them (<c>E12****</c>),
    /// so this is normally none; a value stored whole (by an older importer, or edited in) is still recorded.
    /// </summary>
    public static IReadOnlyList<string> CrnsShown(IEnumerable<RejectedRow> rows) =>
        [.. rows.Where(r => r.Column == "crn" && Domain.People.Crn.TryParse(r.Value, out _)).Select(r => r.Value).Distinct(StringComparer.Ordinal)];

    /// <summary>The audit details of a page of rejected rows shown (<c>run.rejections_viewed</c>).</summary>
    public static AuditDetails AuditDetailsOf(RejectedRowsPage shown)
    {
        ArgumentNullException.ThrowIfNull(shown);
        return new AuditDetails().Add("runId", shown.RunId).Add("file", shown.File ?? "").Add("page", shown.Page).Add("shown", shown.Rows.Count);
    }

    private static int ContractOrder(string fileName)
    {
        for (var i = 0; i < ExtractFiles.All.Count; i++)
        {
            if (ExtractFiles.All[i] == fileName) return i;
        }
        return ExtractFiles.All.Count;
    }
}
