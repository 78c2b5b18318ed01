using System.Globalization;
using System.Text.Json;
using ComplexCases.Domain.Definitions;

namespace ComplexCases.Application.Evaluation;

/// <summary>
/// The comparison as camelCase JSON: per month, all PDUs together (<c>all</c>) and each PDU (<c>pdus</c>, by code), each
/// with its own criteria <c>combinations</c>, then stability over the whole period, all PDUs (<c>stability</c>) and each
/// PDU (<c>pduStability</c>). Fields are only ever added (the month's <c>combinations</c> stay those of all PDUs), so
/// readers of an older shape keep working. Counts are of people (person-months), unsuppressed: this is the analyst's raw
/// figure, and any view or export for wider use must suppress cells under 5.
/// </summary>
public static class ComparisonJson
{
    /// <param name="pdu">One PDU code to keep in <c>pdus</c> and <c>pduStability</c> (the caller checks it is there), or null for every PDU.</param>
    public static void Write(Stream output, ComparisonReport report, string? pdu = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        Definition(w, "definitionA", report.A);
        Definition(w, "definitionB", report.B);
        OptionalDate(w, "from", report.From);
        OptionalDate(w, "to", report.To);
        w.WriteStartArray("months");
        foreach (var month in report.Months)
        {
            w.WriteStartObject();
            w.WriteString("asOf", Date(month.Run.AsOf));
            w.WriteNumber("runId", month.Run.Id);
            w.WriteStartObject("evaluatedFrom");
            w.WriteString("a", month.RescreenedA ? "rescreened" : "stored");
            w.WriteString("b", month.RescreenedB ? "rescreened" : "stored");
            w.WriteEndObject();
            w.WritePropertyName("all");
            Cell(w, report, month.Total, month.HasPrevious);
            w.WriteStartArray("pdus");
            foreach (var (code, cell) in month.Pdus.Where(p => pdu is null || p.Key == pdu).OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                Cell(w, report, cell, month.HasPrevious, code);
            }
            w.WriteEndArray();
            Combinations(w, month.Combinations);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("stability");
        Summary(w, "a", report.StabilityA);
        Summary(w, "b", report.StabilityB);
        w.WriteEndObject();
        w.WriteStartArray("pduStability");
        foreach (var code in report.PduCodes().Where(c => pdu is null || c == pdu))
        {
            w.WriteStartObject();
            w.WriteString("pduCode", code);
            Summary(w, "a", report.PduStabilityA.GetValueOrDefault(code) ?? StabilitySummary.None);
            Summary(w, "b", report.PduStabilityB.GetValueOrDefault(code) ?? StabilitySummary.None);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Combinations(Utf8JsonWriter w, IReadOnlyDictionary<int, (int A, int B)> combinations)
    {
        w.WriteStartArray("combinations");
        foreach (var (mask, counts) in combinations.OrderByDescending(c => Math.Max(c.Value.A, c.Value.B)).ThenBy(c => c.Key))
        {
            w.WriteStartObject();
            w.WriteStartArray("criteria");
            foreach (var id in CriterionIds.InMask(mask)) w.WriteStringValue(id.ToKey());
            w.WriteEndArray();
            w.WriteNumber("listedA", counts.A);
            w.WriteNumber("listedB", counts.B);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void Cell(Utf8JsonWriter w, ComparisonReport report, ComparisonCell c, bool hasPrevious, string? pdu = null)
    {
        w.WriteStartObject();
        if (pdu is not null) w.WriteString("pduCode", pdu);
        w.WriteNumber("people", c.People);
        w.WriteNumber("listedA", c.ListedA);
        w.WriteNumber("listedB", c.ListedB);
        w.WriteNumber("both", c.Both);
        w.WriteNumber("added", c.Added);
        w.WriteNumber("dropped", c.Dropped);
        Reasons(w, "addedBy", c.AddedBy);
        Reasons(w, "droppedBy", c.DroppedBy);
        w.WriteStartObject("thresholdSensitivity");
        Thresholds(w, "a", c.ThresholdA);
        Thresholds(w, "b", c.ThresholdB);
        w.WriteEndObject();
        w.WriteStartObject("withoutCriterion");
        Without(w, "a", c.WithoutA, report.A);
        Without(w, "b", c.WithoutB, report.B);
        w.WriteEndObject();
        w.WriteStartObject("stability");
        Movement(w, "a", c.A, hasPrevious);
        Movement(w, "b", c.B, hasPrevious);
        w.WriteEndObject();
        Combinations(w, c.Combinations());
        w.WriteEndObject();
    }

    private static void Reasons(Utf8JsonWriter w, string name, int[] counts)
    {
        w.WriteStartObject(name);
        for (var i = 0; i < CriterionIds.Count; i++)
        {
            if (counts[i] > 0) w.WriteNumber(((CriterionId)i).ToKey(), counts[i]);
        }
        if (counts[ComparisonCell.ByThreshold] > 0) w.WriteNumber("threshold", counts[ComparisonCell.ByThreshold]);
        w.WriteEndObject();
    }

    private static void Thresholds(Utf8JsonWriter w, string name, int[] counts)
    {
        w.WriteStartObject(name);
        for (var t = 0; t < counts.Length; t++) w.WriteNumber((ComparisonCell.FirstThreshold + t).ToString(CultureInfo.InvariantCulture), counts[t]);
        w.WriteEndObject();
    }

    /// <summary>Listed with each criterion the definition counts dropped (a criterion it does not count is left out).</summary>
    private static void Without(Utf8JsonWriter w, string name, int[] counts, Definition definition)
    {
        w.WriteStartObject(name);
        foreach (var rule in definition.Criteria.OrderBy(r => r.Id)) w.WriteNumber(rule.Id.ToKey(), counts[(int)rule.Id]);
        w.WriteEndObject();
    }

    private static void Movement(Utf8JsonWriter w, string name, Stability s, bool hasPrevious)
    {
        if (!hasPrevious) { w.WriteNull(name); return; }
        w.WriteStartObject(name);
        w.WriteNumber("entering", s.Entering);
        w.WriteNumber("leaving", s.Leaving);
        w.WriteNumber("returning", s.Returning);
        w.WriteEndObject();
    }

    private static void Summary(Utf8JsonWriter w, string name, StabilitySummary s)
    {
        w.WriteStartObject(name);
        w.WriteNumber("everListed", s.EverListed);
        w.WriteNumber("listedEveryMonth", s.ListedEveryMonth);
        w.WriteNumber("flickering", s.Flickering);
        w.WriteEndObject();
    }

    private static void Definition(Utf8JsonWriter w, string name, Definition d)
    {
        w.WriteStartObject(name);
        w.WriteString("id", d.Id);
        w.WriteNumber("version", d.Version);
        w.WriteNumber("threshold", d.Threshold);
        w.WriteEndObject();
    }

    private static void OptionalDate(Utf8JsonWriter w, string name, DateOnly? date)
    {
        if (date is { } d) w.WriteString(name, Date(d)); else w.WriteNull(name);
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
