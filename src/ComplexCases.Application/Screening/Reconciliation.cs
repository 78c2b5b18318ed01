using System.ComponentModel.DataAnnotations;
using System.Globalization;
using ComplexCases.Data.Screening;
using ComplexCases.Extracts.Reading;

namespace ComplexCases.Application.Screening;

/// <summary>
/// How far a month may differ from the previous stored month of the same definition before the run is refused
/// (a broken extract must never quietly become the latest month). Percentages are of the previous month's figure.
/// </summary>
public sealed record ReconciliationLimits
{
    public const string Section = "Reconciliation";

    /// <summary>Most people screened may fall, in per cent (a truncated people.csv makes everyone else "left").</summary>
    [Range(0, 100)] public double MaxPeopleDropPercent { get; init; } = 10;

    /// <summary>Most rows any file may lose, in per cent (a truncated registrations.csv silently drops a criterion's data).</summary>
    [Range(0, 100)] public double MaxFileRowsDropPercent { get; init; } = 10;

    /// <summary>
    /// Largest share of a file's rows that may be rejected, in per cent, once there is a previous month to reconcile with
    /// (a first month has nothing to become "left" of; nobody screened at all is refused even then).
    /// </summary>
    [Range(0, 100)] public double MaxRejectedPercent { get; init; } = 5;

    /// <summary>Largest change (up or down) of the number listed, in per cent.</summary>
    [Range(0, 10_000)] public double MaxListedChangePercent { get; init; } = 50;

    /// <summary>Whether an optional file present last month may be missing now (a missing file reads as "no records of that kind").</summary>
    public bool AllowMissingOptionalFile { get; init; }

    /// <summary>
    /// Shares and changes are judged only on figures at least this big: in a handful of rows one row is 20 %, which
    /// says nothing about the feed. (Nobody screened at all is refused whatever the size.)
    /// </summary>
    [Range(1, int.MaxValue)] public int MinimumRows { get; init; } = 50;

    public static ReconciliationLimits Default { get; } = new();
}

/// <summary>One reconciled figure: this month beside the previous month, and whether it is beyond its limit.</summary>
public sealed record ReconciliationFigure(string What, string Previous, string Now, string Change, string Limit, bool Beyond);

/// <summary>The month reconciled with the previous stored month: every figure, and which are beyond their limits.</summary>
public sealed record Reconciliation(int? PreviousRunId, DateOnly? PreviousAsOf, IReadOnlyList<ReconciliationFigure> Figures)
{
    public bool Refuses => Figures.Any(f => f.Beyond);

    public IEnumerable<ReconciliationFigure> Breaches => Figures.Where(f => f.Beyond);

    /// <summary>One line for a terminal or a log: what is beyond its limit, with the figures, and how to go ahead anyway.</summary>
    public string Message
    {
        get
        {
            var against = PreviousRunId is { } id
                ? string.Create(CultureInfo.InvariantCulture, $"compared with run {id} ({PreviousAsOf:yyyy-MM-dd})")
                : "(no earlier month to compare with)";
            var breaches = string.Join("; ", Breaches.Select(f =>
            {
                var was = f.Previous.Length == 0 ? "" : f.Change.Length == 0 ? $"was {f.Previous}; " : $"was {f.Previous}, {f.Change}; ";
                return $"{f.What}: {f.Now} ({was}limit {f.Limit})";
            }));
            return $"the extract looks broken {against}: {breaches}. Nothing was stored. If the figures are right, run again with --accept-changes \"REASON\"";
        }
    }

    /// <summary>Short text of the breaches, for the audit entry of an acceptance.</summary>
    public string BreachSummary => string.Join("; ", Breaches.Select(f => f.Previous.Length > 0 ? $"{f.What} {f.Previous} -> {f.Now}" : $"{f.What} {f.Now}"));

    /// <summary>Reconciles a read extract (and its list) with the previous stored run of the same definition, if any.</summary>
    /// <param name="files">This month's row counts per file (<see cref="ExtractReadResult.Files"/>).</param>
    public static Reconciliation Check(IReadOnlyList<FileReport> files, int people, int listed, ScreeningRun? previous,
        IReadOnlyList<RunFile> previousFiles, ReconciliationLimits limits)
    {
        var figures = new List<ReconciliationFigure>();
        var peopleFile = files.First(f => f.FileName == ExtractFiles.People);

        // Nobody screened: a header-only people.csv, or one where every row was rejected. Never a month.
        if (people == 0)
        {
            var now = peopleFile.RowsRead == 0
                ? "no data rows (header only)"
                : $"all {N(peopleFile.RowsRead)} rows rejected";
            figures.Add(new("people screened", previous is null ? "" : N(previous.People), $"0: people.csv has {now}", "", "at least 1", true));
        }
        else if (previous is not null)
        {
            var drop = Drop(previous.People, people);
            figures.Add(new("people screened", N(previous.People), N(people), Percent(people, previous.People), $"-{limits.MaxPeopleDropPercent:0.#}%",
                previous.People >= limits.MinimumRows && drop > limits.MaxPeopleDropPercent));
        }

        foreach (var file in files)
        {
            var before = previousFiles.FirstOrDefault(f => string.Equals(f.FileName, file.FileName, StringComparison.Ordinal));
            if (before is { Present: true } && !file.Present && file.FileName != ExtractFiles.People)
            {
                figures.Add(new($"{file.FileName}", $"present ({N(before.RowsRead)} rows)", "missing", "", "present as last month",
                    !limits.AllowMissingOptionalFile));
                continue;
            }
            if (before is { Present: true } && file.Present)
            {
                var drop = Drop(before.RowsRead, file.RowsRead);
                figures.Add(new($"{file.FileName} rows", N(before.RowsRead), N(file.RowsRead), Percent(file.RowsRead, before.RowsRead),
                    $"-{limits.MaxFileRowsDropPercent:0.#}%", before.RowsRead >= limits.MinimumRows && drop > limits.MaxFileRowsDropPercent));
            }
            if (file.RowsRead > 0 && previous is not null)
            {
                var share = 100.0 * file.RowsRejected / file.RowsRead;
                var previousShare = before is { RowsRead: > 0 } ? Share(before.RowsRejected, before.RowsRead) : "";
                figures.Add(new($"{file.FileName} rows rejected", previousShare, $"{N(file.RowsRejected)} of {N(file.RowsRead)} ({share.ToString("0.#", CultureInfo.InvariantCulture)}%)",
                    "", $"{limits.MaxRejectedPercent:0.#}%", file.RowsRead >= limits.MinimumRows && share > limits.MaxRejectedPercent));
            }
        }

        if (previous is not null)
        {
            var listedBefore = previous.Complex + previous.PossiblyComplex;
            var change = listedBefore == 0 ? (listed == 0 ? 0 : double.PositiveInfinity) : 100.0 * Math.Abs(listed - listedBefore) / listedBefore;
            figures.Add(new("people listed", N(listedBefore), N(listed), Percent(listed, listedBefore), $"±{limits.MaxListedChangePercent:0.#}%",
                Math.Max(listed, listedBefore) >= limits.MinimumRows && change > limits.MaxListedChangePercent));
        }
        return new Reconciliation(previous?.Id, previous?.AsOf, figures);
    }

    private static double Drop(int before, int now) => before <= 0 ? 0 : 100.0 * (before - now) / before;

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Share(int part, int whole) =>
        $"{N(part)} of {N(whole)} ({(100.0 * part / whole).ToString("0.#", CultureInfo.InvariantCulture)}%)";

    private static string Percent(int now, int before) => before == 0
        ? (now == 0 ? "no change" : "new")
        : (100.0 * (now - before) / before).ToString("+0.#'%';-0.#'%';'no change'", CultureInfo.InvariantCulture);
}
