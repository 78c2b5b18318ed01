using System.Globalization;
using ComplexCases.Application.Storage;
using ComplexCases.Data.Screening;
using ComplexCases.Domain.Workflow;

namespace ComplexCases.Application.Workflow;

/// <summary>Why a case re-entered, in the words its page shows (stored as the relisting's notes, so it reads the same later).</summary>
public static class ReentryText
{
    public static string Describe(ReentryReason reason, ListedCase listed, DateOnly listedOn)
    {
        var list = listedOn.ToString("MMMM yyyy", CultureInfo.InvariantCulture);
        var closed = reason.ClosedOn.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        return reason.Cause switch
        {
            ReentryCause.ScoreRose =>
                $"Listed again on the {list} list: its score rose from {reason.Before!.Value.Score} to {reason.Now.Score} since it was closed on {closed}.",
            ReentryCause.CriterionNewlyMet =>
                $"Listed again on the {list} list: it now meets {Names(reason, listed)}, which it did not when last listed (closed on {closed}).",
            ReentryCause.PeriodElapsed =>
                $"Listed again on the {list} list: it has been closed since {closed}, and a closed case still listed starts again after that long.",
            _ => $"Listed again on the {list} list (no earlier listing is stored to compare with).",
        };
    }

    private static string Names(ReentryReason reason, ListedCase listed)
    {
        // The criteria's labels as the list gives them; a listing whose evidence cannot be read still says which criterion.
        Dictionary<Domain.Definitions.CriterionId, string> labels;
        try
        {
            labels = EvidenceJson.Deserialize(listed.EvidenceJson).ToDictionary(e => e.Criterion, e => e.Label);
        }
        catch (System.Text.Json.JsonException)
        {
            labels = [];
        }
        var names = reason.NewlyMet.Select(c => labels.TryGetValue(c, out var label) ? label : Domain.Definitions.CriterionIds.ToKey(c)).ToList();
        return names.Count == 1 ? names[0] : string.Join(", ", names[..^1]) + " and " + names[^1];
    }
}
