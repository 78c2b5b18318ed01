using System.Globalization;
using System.Text.RegularExpressions;
using ComplexCases.Domain.Screening;

namespace ComplexCases.Web.Cases;

/// <summary>
/// Evidence in words a practitioner reads: register codes named ("medium RoSH (RMRH)"), dates written out, and the record's
/// source system ("OASys assessment of 16 Nov 2023"). The extract file and line stay beside it for analysts who trace a row.
/// </summary>
public static partial class EvidenceText
{
    private static readonly Dictionary<string, string> Codes = new(StringComparer.Ordinal)
    {
        ["RLRH"] = "low RoSH",
        ["RMRH"] = "medium RoSH",
        ["RHRH"] = "high RoSH",
        ["RVHR"] = "very high RoSH",
        ["MAPP"] = "MAPPA",
    };

    /// <summary>A criterion's reason with each register code and ISO date in words.</summary>
    public static string Reason(string reason)
    {
        var words = RegisterCode().Replace(reason, m => Codes.TryGetValue(m.Value, out var name) ? $"{name} ({m.Value})" : m.Value);
        words = MappaLevel().Replace(words, m => $"level {m.Groups[1].Value}");
        return IsoDate().Replace(words, m => DateOnly.TryParseExact(m.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.ToString("d MMM yyyy", CultureInfo.InvariantCulture)
            : m.Value);
    }

    /// <summary>The record that decided a criterion, named by the system it came from, e.g. "OASys assessment of 16 Nov 2023".</summary>
    public static string Source(Evidence evidence)
    {
        var on = evidence.Date is { } d ? " of " + d.ToString("d MMM yyyy", CultureInfo.InvariantCulture) : "";
        // A rejected row left the person's records incomplete: say so first, whatever system it came from.
        return (evidence.Rejected == true ? "Rejected row of an " : "") + evidence.File switch
        {
            "assessments.csv" => $"OASys assessment{on}",
            "registrations.csv" => $"nDelius registration{on}" + (Codes.TryGetValue(evidence.Key, out var name) ? $" ({name})" : ""),
            "sentences.csv" => $"nDelius sentence{on}",
            "opd_screenings.csv" => $"OPD screening{on}",
            "people.csv" => "nDelius person record",
            _ => evidence.File + on,
        };
    }

    /// <summary>Where the row is in the extract, for analysts: "assessments.csv line 36420".</summary>
    public static string Location(Evidence evidence) =>
        string.Create(CultureInfo.InvariantCulture, $"{evidence.File} line {evidence.Line}")
        + (evidence.Rejected == true ? $" (rejected row: {evidence.Value})" : "");

    [GeneratedRegex(@"\b(RLRH|RMRH|RHRH|RVHR|MAPP)\b")]
    private static partial Regex RegisterCode();

    [GeneratedRegex(@"\blevel M([1-3])\b")]
    private static partial Regex MappaLevel();

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b")]
    private static partial Regex IsoDate();
}
