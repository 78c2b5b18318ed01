using System.Globalization;
using System.Text.Json;
using ComplexCases.Application.Access;
using ComplexCases.Application.Quality;
using ComplexCases.Application.Workflow;
using ComplexCases.Data;
using ComplexCases.Domain.Insight;
using ComplexCases.Domain.Workflow;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Insight;

/// <summary>One checklist item's answers over the period's reviews, and the share met of those it applied to.</summary>
public sealed record ChecklistItemRow(ChecklistItem Item, ShownCount Reviews, IReadOnlyList<ShownCount> Answers, string ShareMet, int? PercentMet);

/// <summary>One area's reviews and, per checklist item, the share met (of reviews where the item applied); then all items pooled.</summary>
public sealed record AreaQualityRow(string Name, ShownCount Reviews, IReadOnlyList<string> ShareMet, string Overall);

/// <summary>Agreement between the first and second QDO on one checklist item (or all items pooled).</summary>
public sealed record AgreementRow(string Label, ShownCount Cases, string Observed, string Kappa, string Reading);

/// <summary>How many of the month's conversations named a kind of blockage (or, first, how many conversations were held).</summary>
public sealed record ThemeRow(string Label, IReadOnlyList<ShownCount> Months, ShownCount Total);

/// <summary>Consistency of quality in the user's area over a period: checklist results, agreement between QDOs, blockage themes.</summary>
public sealed record QualityInsightView(
    DateOnly From, DateOnly To, string AreaKind, int Reviews,
    IReadOnlyList<ChecklistItemRow> Items, IReadOnlyList<AreaQualityRow> Areas, AreaQualityRow Total,
    IReadOnlyList<AgreementRow> Agreement, ShownCount AwaitingSecond, double SecondReviewShare,
    IReadOnlyList<DateOnly> Months, IReadOnlyList<ThemeRow> Themes)
{
    public static IReadOnlyList<ChecklistAnswer> Answers { get; } = Enum.GetValues<ChecklistAnswer>();

    /// <summary>A checklist item in a few words, for table headings and chart labels (the question is in the table).</summary>
    public static string Short(ChecklistItem item) => item switch
    {
        ChecklistItem.ConversationTimely => "Held on time",
        ChecklistItem.ConversationRecorded => "Well recorded",
        ChecklistItem.RiskConsidered => "Risk considered",
        ChecklistItem.BlockagesIdentified => "Blockages identified",
        ChecklistItem.EscalationAppropriate => "Escalation right",
        ChecklistItem.ActionsSpecific => "Actions specific",
        ChecklistItem.PersonsVoice => "Person's view",
        _ => throw new ArgumentOutOfRangeException(nameof(item), item, null),
    };
}

/// <summary>
/// Consistency of quality (issue 14): the QDO checklist's results by item and by PDU or team (the share met of the reviews
/// the item applied to), the agreement between QDOs on the cases sampled for a second review (Cohen's kappa per item and
/// pooled, read in plain words), and the kinds of blockage named at conversations month by month. Counts only, in the user's
/// list scope, small counts withheld (<see cref="SmallCounts"/>); a second review is counted for agreement, not again in the
/// results. Rates on fewer than five cases are withheld; kappa on fewer than <see cref="Agreement.MinimumPairs"/> cases is
/// "too few to conclude".
/// </summary>
public sealed class QualityInsight(ComplexCasesDbContext db, QualityReviews reviews, QualitySettings quality)
{
    private sealed record Case(long Id, string PduCode, string? TeamCode);

    private sealed record Review(long Id, long WorkflowId, DateOnly ReviewedOn, IReadOnlyDictionary<ChecklistItem, ChecklistAnswer> Answers);

    /// <param name="byTeam">Areas are teams (true), PDUs (false), or teams only when the scope is one PDU (null).</param>
    public QualityInsightView Run(StaffUser user, DateOnly from, DateOnly to, bool? byTeam = null)
    {
        var filter = CaseFilter.For(user, Permission.ViewMonthlyList);
        // Counts only: a limited-access case counts where it sits (CaseFilter.Reaches, not Matches), as in the funnel.
        var cases = db.Workflows.AsNoTracking()
            .Select(w => new { w.Id, w.Crn, w.PduCode, w.TeamCode, w.RegionCode, w.PractitionerCode, w.SpoCode })
            .ToList()
            .Where(w => filter.Reaches(new CaseFacts(w.Crn, w.PduCode, w.RegionCode, w.TeamCode, w.PractitionerCode, w.SpoCode, LimitedAccess: false)))
            .ToDictionary(w => w.Id, w => new Case(w.Id, w.PduCode, w.TeamCode));
        var teams = byTeam ?? cases.Values.Select(c => c.PduCode).Distinct(StringComparer.Ordinal).Count() == 1;

        // Reviews from the period's start on, in SQL: a second review is never before its first, so every pair begun in the
        // period is here whole. Which reviews are seconds comes from every pair (one begun before the period may end in it).
        var all = db.QualityReviews.AsNoTracking().Where(r => r.ReviewedOn >= from)
            .Select(r => new { r.Id, r.WorkflowId, r.ReviewedOn, r.AnswersJson }).ToList()
            .Where(r => cases.ContainsKey(r.WorkflowId))
            .ToDictionary(r => r.Id, r => new Review(r.Id, r.WorkflowId, r.ReviewedOn,
                JsonSerializer.Deserialize(r.AnswersJson, WorkflowJson.Default.DictionaryChecklistItemChecklistAnswer) ?? []));
        var everyPair = reviews.Pairs();
        var pairs = everyPair.Where(p => all.ContainsKey(p.First.Id)).ToList();
        var seconds = everyPair.Where(p => p.Second is not null).Select(p => p.Second!.Value.Id).ToHashSet();
        bool InPeriod(DateOnly day) => day >= from && day <= to;
        var results = all.Values.Where(r => InPeriod(r.ReviewedOn) && !seconds.Contains(r.Id)).ToList();

        var items = Items(results);
        var (areas, total) = Areas(results, cases, teams);
        var periodPairs = pairs.Where(p => InPeriod(all[p.First.Id].ReviewedOn)).ToList();
        var agreement = AgreementRows([.. periodPairs.Where(p => p.Second is { } s && all.ContainsKey(s.Id))
            .Select(p => (all[p.First.Id], all[p.Second!.Value.Id]))]);
        var awaiting = periodPairs.Count(p => p.Second is null);
        var (months, themes) = Themes(cases, from, to);
        return new QualityInsightView(from, to, teams ? "team" : "PDU", results.Count, items, areas, total, agreement,
            new ShownCount(awaiting, SmallCounts.IsSmall(awaiting)), quality.SecondReviewShare, months, themes);
    }

    private static List<ChecklistItemRow> Items(List<Review> results)
    {
        var counts = Checklist.Items.Select(item => QualityInsightView.Answers
            .Select(a => results.Count(r => r.Answers.TryGetValue(item, out var given) && given == a)).ToArray()).ToList();
        // Each item's answers add up to its reviews, which are shown: the secondary suppression runs along each item's row.
        var withheld = Transpose(SmallCounts.Withheld(Transpose(counts)));
        return [.. Checklist.Items.Select((item, i) =>
        {
            var answered = counts[i].Sum();
            var met = counts[i][QualityInsightView.Answers.ToList().IndexOf(ChecklistAnswer.Met)];
            var applicable = answered - counts[i][QualityInsightView.Answers.ToList().IndexOf(ChecklistAnswer.NotApplicable)];
            var (share, percent) = SmallCounts.Share(met, applicable);
            return new ChecklistItemRow(item, new ShownCount(answered, SmallCounts.IsSmall(answered)),
                [.. counts[i].Select((c, j) => new ShownCount(c, withheld[i][j]))], share, percent);
        })];
    }

    private (List<AreaQualityRow> Areas, AreaQualityRow Total) Areas(List<Review> results, Dictionary<long, Case> cases, bool teams)
    {
        var names = ProcessInsight.AreaNames(db, teams);
        var groups = results.GroupBy(r => teams ? cases[r.WorkflowId].TeamCode ?? "" : cases[r.WorkflowId].PduCode, StringComparer.Ordinal)
            .Select(g => (Name: names.GetValueOrDefault(g.Key) ?? (g.Key.Length == 0 ? "Not allocated" : g.Key), Reviews: g.ToList()))
            .OrderBy(g => g.Name, StringComparer.Ordinal).ToList();
        var withheld = SmallCounts.Withheld([.. groups.Select(g => new[] { g.Reviews.Count })]);
        return ([.. groups.Select((g, i) => AreaRow(g.Name, g.Reviews, withheld[i][0]))],
            AreaRow("Total", results, SmallCounts.IsSmall(results.Count)));
    }

    private static AreaQualityRow AreaRow(string name, List<Review> reviews, bool withheld)
    {
        string ShareOf(IEnumerable<ChecklistItem> items)
        {
            if (withheld) return "[c]";
            var answers = reviews.SelectMany(r => items.Select(i => r.Answers.TryGetValue(i, out var a) ? a : (ChecklistAnswer?)null))
                .Where(a => a is not null and not ChecklistAnswer.NotApplicable).ToList();
            return SmallCounts.Share(answers.Count(a => a == ChecklistAnswer.Met), answers.Count).Text;
        }
        return new AreaQualityRow(name, new ShownCount(reviews.Count, withheld),
            [.. Checklist.Items.Select(item => ShareOf([item]))], ShareOf(Checklist.Items));
    }

    private static List<AgreementRow> AgreementRows(List<(Review First, Review Second)> pairs)
    {
        AgreementRow Row(string label, IReadOnlyList<(ChecklistAnswer, ChecklistAnswer)> answers, int cases)
        {
            var shown = new ShownCount(cases, SmallCounts.IsSmall(cases));
            if (shown.Withheld)
                return new AgreementRow(label, shown, "[c]", "[c]", $"Too few double reviews to conclude (fewer than {SmallCounts.Threshold}).");
            var result = Agreement.CohensKappa(answers, cases);
            return new AgreementRow(label, shown,
                result.Observed is { } o ? o.ToString("0%", CultureInfo.InvariantCulture) : "–",
                result.Kappa is { } k ? k.ToString("0.00", CultureInfo.InvariantCulture) : cases == 0 ? "–" : "undefined",
                result.Reading);
        }
        List<(ChecklistAnswer, ChecklistAnswer)> Answers(ChecklistItem item) =>
            [.. pairs.Where(p => p.First.Answers.ContainsKey(item) && p.Second.Answers.ContainsKey(item))
                .Select(p => (p.First.Answers[item], p.Second.Answers[item]))];
        return [.. Checklist.Items.Select(item => Row(item.Question(), Answers(item), Answers(item).Count)),
            Row("All items together", [.. Checklist.Items.SelectMany(Answers)], pairs.Count)];
    }

    private (List<DateOnly> Months, List<ThemeRow> Themes) Themes(Dictionary<long, Case> cases, DateOnly from, DateOnly to)
    {
        var months = new List<DateOnly>();
        for (var m = new DateOnly(from.Year, from.Month, 1); m <= to; m = m.AddMonths(1)) months.Add(m);
        int[] steps = [(int)WorkflowStep.ConversationNoFurtherSupport, (int)WorkflowStep.ConversationEscalated];
        var conversations = db.WorkflowEvents.AsNoTracking().Where(e => steps.Contains(e.Step))
            .Select(e => new { e.WorkflowId, e.At, e.DetailsJson }).ToList()
            .Where(e => cases.ContainsKey(e.WorkflowId))
            .Select(e => StepDetails.FromJson(e.DetailsJson).Conversation is { } c
                ? (On: c.HeldOn, c.Blockages)
                : (On: WorkingCalendar.UkDate(e.At), Blockages: (IReadOnlySet<BlockageCategory>)new HashSet<BlockageCategory>()))
            .Where(c => c.On >= from && c.On <= to)
            .ToList();
        int Index(DateOnly day) => (day.Year - from.Year) * 12 + day.Month - from.Month;
        var categories = Enum.GetValues<BlockageCategory>();
        var labels = new List<string> { "Conversations held" };
        labels.AddRange(categories.Select(c => c.Label()));
        var table = labels.Select(_ => new int[months.Count]).ToList();
        foreach (var (on, blockages) in conversations)
        {
            table[0][Index(on)]++;
            foreach (var b in blockages) table[1 + Array.IndexOf(categories, b)][Index(on)]++;
        }
        // Each row's months add up to its total, which is shown: the secondary suppression runs along each row.
        var withheld = Transpose(SmallCounts.Withheld(Transpose(table)));
        return (months, [.. labels.Select((label, i) =>
        {
            var sum = table[i].Sum();
            return new ThemeRow(label, [.. table[i].Select((c, j) => new ShownCount(c, withheld[i][j]))], new ShownCount(sum, SmallCounts.IsSmall(sum)));
        })]);
    }

    private static T[][] Transpose<T>(IReadOnlyList<T[]> rows)
    {
        if (rows.Count == 0) return [];
        var columns = rows[0].Length;
        return [.. Enumerable.Range(0, columns).Select(c => rows.Select(r => r[c]).ToArray())];
    }
}
