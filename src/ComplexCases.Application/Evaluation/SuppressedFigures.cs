using System.Globalization;
using ComplexCases.Domain.Evaluation;

namespace ComplexCases.Application.Evaluation;

/// <summary>One figure as an aggregate view shows it: its text, or why it is withheld.</summary>
public sealed record ShownFigure(string Label, string Text, bool Suppressed);

/// <summary>
/// An evaluation as analysts may see it outside the command line (issue 14): counts of fewer than
/// <see cref="Threshold"/> people are withheld, as official statistics do, and so is every figure from which a withheld
/// count could be worked back (a rate over it, and — secondary suppression — the complementary rate, since the totals
/// shown beside it would give the withheld count away).
/// </summary>
public static class SuppressedFigures
{
    public const int Threshold = 5;
    public const string Withheld = "fewer than 5";

    public static IReadOnlyList<ShownFigure> Of(EvaluationFigures f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var unlisted = f.PersonMonths - f.Listed;
        var unlistedWithOutcome = f.Outcomes - f.ListedWithOutcome;
        bool Small(long n) => n < Threshold;
        // Either outcome cell small: with the totals shown, the other would give it away, so both rates go.
        var outcomeCellSmall = Small(f.ListedWithOutcome) || Small(unlistedWithOutcome);
        var listedRateHidden = outcomeCellSmall || Small(f.Listed);
        var unlistedRateHidden = outcomeCellSmall || Small(unlisted);
        return
        [
            Count("Person-months", f.PersonMonths),
            Count("Listed (complex)", f.Listed),
            Count("Not listed", unlisted),
            Count("With an outcome", f.Outcomes),
            Count("Listed, with an outcome", f.ListedWithOutcome),
            Count("Not listed, with an outcome", unlistedWithOutcome),
            Rate("Outcome rate among the listed (95% interval)", f.RateListed, listedRateHidden),
            Rate("Outcome rate among the rest (95% interval)", f.RateUnlisted, unlistedRateHidden),
            Ratio("Precision (share of the listed with an outcome)", f.Precision, listedRateHidden),
            Ratio("Recall (share of outcomes among the listed)", f.Recall, outcomeCellSmall || Small(f.Outcomes)),
            Ratio("AUC of the score", f.Auc, Small(f.Outcomes) || Small(f.PersonMonths - f.Outcomes)),
        ];
    }

    private static ShownFigure Count(string label, long n) =>
        n < Threshold ? new(label, Withheld, true) : new(label, n.ToString("N0", CultureInfo.InvariantCulture), false);

    private static ShownFigure Rate(string label, Proportion p, bool hidden) =>
        hidden ? new(label, "withheld (fewer than 5 people)", true)
        : p.Value is not { } v ? new(label, "none to measure", false)
        : new(label, $"{Percent(v)} ({Percent(p.Low!.Value)} to {Percent(p.High!.Value)})", false);

    private static ShownFigure Ratio(string label, double? value, bool hidden) =>
        hidden ? new(label, "withheld (fewer than 5 people)", true)
        : value is not { } v ? new(label, "none to measure", false)
        : new(label, v.ToString("0.000", CultureInfo.InvariantCulture), false);

    private static string Percent(double value) => value.ToString("0.0%", CultureInfo.InvariantCulture);
}
