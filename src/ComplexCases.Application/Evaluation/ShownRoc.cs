using ComplexCases.Domain.Evaluation;

namespace ComplexCases.Application.Evaluation;

/// <summary>One point of the ROC curve as shown: listing everyone scoring at least <see cref="ScoreAtLeast"/>.</summary>
public sealed record RocPoint(int ScoreAtLeast, double FalsePositiveRate, double TruePositiveRate);

/// <summary>
/// The ROC curve of an evaluation as an aggregate view may show it. With the outcome totals shown, each point gives away
/// how many people with and without an outcome score at least its score, and two neighbouring points how many score
/// between them; so a point is kept only where those counts — from the start, from the previous point kept, and on to
/// listing everyone — are each none or at least 5. The curve is then coarser, never wrong. No curve at all when the AUC
/// is withheld (fewer than 5 with or without an outcome).
/// </summary>
public static class ShownRoc
{
    public static IReadOnlyList<RocPoint> Of(EvaluationFigures f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var positives = f.Outcomes;
        var negatives = f.PersonMonths - f.Outcomes;
        if (positives < SuppressedFigures.Threshold || negatives < SuppressedFigures.Threshold) return [];
        static bool Safe(long n) => n == 0 || n >= SuppressedFigures.Threshold;
        var shown = new List<RocPoint>();
        long lastTp = 0, lastFp = 0;
        foreach (var (score, fpr, tpr) in f.Roc)
        {
            var tp = (long)Math.Round(tpr * positives);
            var fp = (long)Math.Round(fpr * negatives);
            if (!(Safe(tp) && Safe(fp) && Safe(tp - lastTp) && Safe(fp - lastFp) && Safe(positives - tp) && Safe(negatives - fp))) continue;
            if (tp == lastTp && fp == lastFp && shown.Count > 0) continue;
            shown.Add(new RocPoint(score, fpr, tpr));
            (lastTp, lastFp) = (tp, fp);
        }
        return shown;
    }
}
