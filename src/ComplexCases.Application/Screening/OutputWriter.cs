using System.Text.Json;
using ComplexCases.Application.Lists;
using ComplexCases.Domain.Definitions;
using nietras.SeparatedValues;

namespace ComplexCases.Application.Screening;

/// <summary>
/// Writes a run's files (screening-output.md) into a hidden staging folder first and moves them into
/// place only when the run has been stored, so a failed run leaves no half-written lists behind.
/// </summary>
public sealed class OutputWriter : IDisposable
{
    public const string ScreeningFile = "screening.json";
    public const string RejectedFile = "rejected.csv";
    public const string ListsFolder = "lists";
    public const string WorkbooksFolder = "workbooks";

    private readonly string _outputFolder;
    private readonly string _staging;
    private bool _published;
    private bool _prepared;

    /// <summary>Written into the staging folder last, before the run commits: which run the staged files belong to.</summary>
    private const string RunMarker = ".run";

    private OutputWriter(string outputFolder)
    {
        _outputFolder = Path.GetFullPath(outputFolder);
        Directory.CreateDirectory(_outputFolder);
        _staging = Path.Combine(_outputFolder, $".staging-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_staging);
    }

    /// <summary>Which stored run a staging folder left by a killed run belongs to.</summary>
    public sealed record StagedRun(int RunId, string ExtractSha256, DateOnly AsOf);

    /// <summary>
    /// Finishes what a killed run left in the output folder: a staging folder whose run was committed
    /// (<paramref name="isStored"/>) is moved into place, as its run would have done; any other is dropped, as its
    /// run stored nothing. Either way no <c>.staging-*</c> folder is left.
    /// </summary>
    public static void Recover(string outputFolder, Func<StagedRun, bool> isStored)
    {
        if (!Directory.Exists(outputFolder)) return;
        foreach (var stale in Directory.EnumerateDirectories(outputFolder, ".staging-*").Order(StringComparer.Ordinal).ToList())
        {
            var marker = ReadMarker(Path.Combine(stale, RunMarker));
            if (marker is not null && isStored(marker))
            {
                var writer = new OutputWriter(Path.GetFullPath(outputFolder), stale);
                writer.MoveIntoPlace(null);
            }
            else
            {
                Directory.Delete(stale, recursive: true);
            }
        }
    }

    private OutputWriter(string outputFolder, string staging)
    {
        _outputFolder = outputFolder;
        _staging = staging;
    }

    private static StagedRun? ReadMarker(string path)
    {
        try
        {
            if (!File.Exists(path)) return null;
            var parts = File.ReadAllText(path).Split('\n', StringSplitOptions.TrimEntries);
            return parts.Length >= 3
                && int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var runId)
                && DateOnly.TryParseExact(parts[2], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var asOf)
                ? new StagedRun(runId, parts[1], asOf)
                : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public static OutputWriter Stage(string outputFolder, ScreeningReport report, bool workbooks)
    {
        var writer = new OutputWriter(outputFolder);
        try
        {
            var lists = Directory.CreateDirectory(Path.Combine(writer._staging, ListsFolder)).FullName;
            var books = workbooks ? Directory.CreateDirectory(Path.Combine(writer._staging, WorkbooksFolder)).FullName : null;
            var perPdu = report.Cases.GroupBy(c => c.PduCode, StringComparer.Ordinal)
                .Where(g => g.Any(c => c.Change != Domain.Screening.ListChange.Left))
                .ToList();
            // One at a time: this whole method already runs beside the database store, on the other core.
            var written = 0;
            foreach (var group in perPdu)
            {
                // Each workbook leaves its zip buffers behind; a young-generation collection now and then lets the
                // next ones reuse that memory instead of growing the heap beside the store (a national run writes 110).
                if (books is not null && ++written % 16 == 0) GC.Collect(0);
                WritePduCsv(Path.Combine(lists, ListFiles.FileNameFor(group.Key) + ".csv"), group);
                if (books is not null) PduWorkbook.Write(Path.Combine(books, ListFiles.FileNameFor(group.Key) + ".xlsx"), group.Key, [.. group], report.Definition.Definition, report.AsOf);
            }
            WriteRejected(Path.Combine(writer._staging, RejectedFile), report);
            return writer;
        }
        catch
        {
            writer.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Completes the staged files with screening.json and marks them as the run's (called in the run's transaction, just
    /// before its commit): from then on the staging folder holds everything the run publishes.
    /// </summary>
    public void Prepare(ScreeningReport report)
    {
        WriteJson(Path.Combine(_staging, ScreeningFile), report);
        var marker = Path.Combine(_staging, RunMarker);
        File.WriteAllText(marker + ".tmp", string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{report.RunId}\n{report.Extract.Sha256}\n{report.AsOf:yyyy-MM-dd}\n"));
        File.Move(marker + ".tmp", marker, overwrite: true);
        _prepared = true;
    }

    /// <summary>Moves the staged files into the output folder, replacing an earlier run's lists.</summary>
    public void Publish(ScreeningReport report, IProgress<ScreeningProgress>? progress = null)
    {
        if (!_prepared) WriteJson(Path.Combine(_staging, ScreeningFile), report);
        MoveIntoPlace(progress);
    }

    /// <summary>
    /// Moves whatever is still staged into place, then drops the staging folder. Each step moves one thing out of the
    /// staging folder, so after a kill at any point running it again finishes the job.
    /// </summary>
    private void MoveIntoPlace(IProgress<ScreeningProgress>? progress)
    {
        progress?.Report(new ScreeningProgress(PublishingStage, 0));
        foreach (var folder in new[] { ListsFolder, WorkbooksFolder })
        {
            var target = Path.Combine(_outputFolder, folder);
            var source = Path.Combine(_staging, folder);
            if (!Directory.Exists(source)) continue;
            if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
            Directory.Move(source, target);
            progress?.Report(new ScreeningProgress(PublishingStage, folder == ListsFolder ? 0.4 : 0.7));
        }
        foreach (var file in new[] { RejectedFile, ScreeningFile })
        {
            var source = Path.Combine(_staging, file);
            if (File.Exists(source)) File.Move(source, Path.Combine(_outputFolder, file), overwrite: true);
        }
        progress?.Report(new ScreeningProgress(PublishingStage, 0.9));
        _published = true;
        Directory.Delete(_staging, recursive: true);
        progress?.Report(new ScreeningProgress(PublishingStage, 1));
    }

    /// <summary>The last stage of a run, after its commit.</summary>
    public const string PublishingStage = "Publishing lists";

    public void Dispose()
    {
        if (!_published && Directory.Exists(_staging)) Directory.Delete(_staging, recursive: true);
    }

    private static void WritePduCsv(string path, IEnumerable<ListEntry> entries)
    {
        using var file = File.Create(path);
        ListCsv.Write(file, entries.Select(ListCsvRow.From));
    }

    private static void WriteRejected(string path, ScreeningReport report)
    {
        // Header even when nothing was rejected; Sep writes the header with the first row, so write it by hand.
        using var stream = new StreamWriter(path);
        stream.Write("file,line,column,reason,value\n");
        stream.Flush();
        if (report.Extract.Rejections.Count == 0) return;
        using var writer = Sep.New(',').Writer(o => o with { Escape = true, WriteHeader = false }).To(stream);
        foreach (var r in report.Extract.Rejections)
        {
            using var row = writer.NewRow();
            row["file"].Set(r.File);
            row["line"].Format(r.Line);
            row["column"].Set(r.Column);
            row["reason"].Set(string.IsNullOrEmpty(r.Detail) ? RejectionText.Of(r.Reason) : $"{RejectionText.Of(r.Reason)}: {r.Detail}");
            row["value"].Set(r.Value);
        }
    }

    private static void WriteJson(string path, ScreeningReport report)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        var d = report.Definition.Definition;
        var e = report.Extract;
        json.WriteStartObject();
        json.WriteString("asOf", report.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteStartObject("definition");
        json.WriteString("id", d.Id);
        json.WriteNumber("version", d.Version);
        json.WriteNumber("threshold", d.Threshold);
        json.WriteEndObject();
        json.WriteStartObject("extract");
        json.WriteString("sha256", e.Sha256);
        json.WriteNumber("rowsRead", e.RowsRead);
        json.WriteNumber("rowsAccepted", e.RowsAccepted);
        json.WriteNumber("rowsRejected", e.RowsRejected);
        json.WriteEndObject();
        json.WriteStartArray("warnings");
        foreach (var w in e.Warnings) json.WriteStringValue($"{w.File}: {w.Message}");
        json.WriteEndArray();
        json.WriteNumber("runId", report.RunId);
        json.WriteNumber("people", report.People);
        json.WriteNumber("complex", report.Complex);
        json.WriteNumber("possiblyComplex", report.PossiblyComplex);
        json.WriteNumber("left", report.Left);
        json.WriteStartObject("incompleteRecords");
        json.WriteNumber("people", report.Incomplete.People);
        json.WriteNumber("criteriaUnknown", report.Incomplete.CriteriaUnknown);
        json.WriteNumber("listed", report.Incomplete.Listed);
        json.WriteEndObject();
        json.WriteStartArray("cases");
        foreach (var c in report.Cases)
        {
            json.WriteStartObject();
            json.WriteString("crn", c.Crn);
            json.WriteString("pduCode", c.PduCode);
            json.WriteString("status", c.StatusText);
            json.WriteNumber("score", c.Score);
            WriteIds(json, "met", c.Met);
            WriteIds(json, "unknown", c.Unknown);
            json.WriteString("change", c.ChangeText);
            json.WriteNumber("monthsListed", c.MonthsListed);
            WriteRejectedEvidence(json, report, c);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>
    /// The rejected rows that made a criterion unknown (criteria.md): its evidence, as file, line and reason. Always
    /// written (empty when none), beside the contract's fields, so a reader finds the same shape on every case.
    /// </summary>
    private static void WriteRejectedEvidence(Utf8JsonWriter json, ScreeningReport report, ListEntry c)
    {
        json.WriteStartArray("rejectedRows");
        // Only a person named by a rejected row can have one as evidence: the others are not explained again here.
        var explanation = c.Person >= 0 && report.Extract.Caseload.HasRejectedRecords(c.Person) ? report.ExplanationOf(c) : [];
        foreach (var e in explanation)
        {
            if (e.Evidence is not { Rejected: true } ev) continue;
            json.WriteStartObject();
            json.WriteString("criterion", e.Criterion.ToKey());
            json.WriteString("file", ev.File);
            json.WriteNumber("line", ev.Line);
            json.WriteString("reason", ev.Value);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteIds(Utf8JsonWriter json, string name, IEnumerable<string> ids)
    {
        json.WriteStartArray(name);
        foreach (var id in ids) json.WriteStringValue(id);
        json.WriteEndArray();
    }

    internal static string Label(Definition definition, CriterionId id) => definition.Find(id)?.Label ?? id.ToKey();
}
