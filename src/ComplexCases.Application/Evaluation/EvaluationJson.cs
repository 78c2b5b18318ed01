using System.Globalization;
using System.Text.Json;
using ComplexCases.Domain.Evaluation;

namespace ComplexCases.Application.Evaluation;

/// <summary>
/// The evaluation as one camelCase JSON object (outcomes.md): definition id and version, window, types, follow-up
/// limit, the runs used (their as-of dates, and per run how it was read), the counts and the figures. A ratio with a
/// zero denominator is null; a figure resting on fewer than 5 person-months is flagged <c>"tooFewToConclude": true</c>
/// (inside the rate objects, and named in <c>tooFewToConcludeFigures</c>), and <c>summary</c> says so in words.
/// </summary>
public static class EvaluationJson
{
    public static void Write(Stream output, EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        var f = report.Figures;
        w.WriteStartObject();
        w.WriteString("definitionId", report.DefinitionId);
        w.WriteNumber("definitionVersion", report.DefinitionVersion);
        w.WriteString("definitionSha256", report.DefinitionSha256);
        w.WriteNumber("window", report.WindowMonths);
        w.WriteStartArray("types");
        foreach (var t in report.Types) w.WriteStringValue(t.ToKey());
        w.WriteEndArray();
        w.WriteString("followUpUntil", Date(report.FollowUpUntil));
        w.WriteStartArray("runs");
        foreach (var r in report.Runs) w.WriteStringValue(Date(r.AsOf));
        w.WriteEndArray();
        w.WriteStartArray("runDetails");
        foreach (var r in report.Runs)
        {
            w.WriteStartObject();
            w.WriteString("asOf", Date(r.AsOf));
            w.WriteNumber("runId", r.RunId);
            w.WriteString("screenedWith", $"{r.DefinitionId} v{r.DefinitionVersion}");
            w.WriteString("evaluatedFrom", r.Rescreened ? "records kept with the run, screened again" : "criterion outcomes stored with the run");
            w.WriteNumber("personMonths", r.PersonMonths);
            w.WriteNumber("listed", r.Listed);
            w.WriteNumber("outcomes", r.Outcomes);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumber("personMonths", f.PersonMonths);
        w.WriteNumber("listed", f.Listed);
        w.WriteNumber("outcomes", f.Outcomes);
        w.WriteNumber("listedWithOutcome", f.ListedWithOutcome);
        Rate(w, "rateListed", f.RateListed, f.TooFewToConclude.Contains("rateListed"));
        Rate(w, "rateUnlisted", f.RateUnlisted, f.TooFewToConclude.Contains("rateUnlisted"));
        Number(w, "precision", f.Precision);
        Number(w, "recall", f.Recall);
        Number(w, "auc", f.Auc);
        w.WriteBoolean("tooFewToConclude", f.TooFewToConclude.Count > 0);
        w.WriteStartArray("tooFewToConcludeFigures");
        foreach (var name in f.TooFewToConclude) w.WriteStringValue(name);
        w.WriteEndArray();
        w.WriteString("summary", f.Summary());
        w.WriteStartArray("roc");
        foreach (var (threshold, fpr, tpr) in f.Roc)
        {
            w.WriteStartObject();
            w.WriteNumber("scoreAtLeast", threshold);
            w.WriteNumber("falsePositiveRate", fpr);
            w.WriteNumber("truePositiveRate", tpr);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Rate(Utf8JsonWriter w, string name, Proportion p, bool tooFew)
    {
        w.WriteStartObject(name);
        Number(w, "value", p.Value);
        Number(w, "low", p.Low);
        Number(w, "high", p.High);
        w.WriteBoolean("tooFewToConclude", tooFew);
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v) w.WriteNumber(name, v); else w.WriteNull(name);
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
