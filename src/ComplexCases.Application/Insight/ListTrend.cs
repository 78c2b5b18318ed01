using ComplexCases.Application.Access;
using ComplexCases.Application.Workflow;
using ComplexCases.Data;
using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.Screening;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Insight;

/// <summary>One month of the operational definition's list in the viewer's area.</summary>
public sealed record TrendMonth(DateOnly AsOf, ShownCount Complex, ShownCount PossiblyComplex);

/// <summary>How many people in the area meet one criterion in the latest month.</summary>
public sealed record CriterionShare(CriterionId Criterion, string Label, ShownCount Met);

/// <summary>Listed counts over the months, and how often each criterion is met in the latest month, in one area.</summary>
public sealed record ListTrendView(string Area, IReadOnlyList<TrendMonth> Months, int People, IReadOnlyList<CriterionShare> Criteria);

/// <summary>
/// Listed counts month by month and how often each criterion is met (issue 14), for the runs page (the whole service) and the
/// analyst's and head of PDU's home pages (their list scope). Counts only, small ones withheld; the criteria read the stored
/// outcome masks of every person screened, so they show what drives the list, not only who is on it.
/// </summary>
public sealed class ListTrend(ComplexCasesDbContext db, WorkflowSettings settings, CriteriaCounts cache)
{
    public const int Months = 12;

    /// <summary>The whole service, from the runs' own totals (the runs page).</summary>
    public ListTrendView Service()
    {
        var runs = LatestRuns();
        var months = runs.Select(r => new TrendMonth(r.AsOf, Shown(r.Complex), Shown(r.PossiblyComplex))).Reverse().ToList();
        return new ListTrendView("every PDU", months, runs.FirstOrDefault()?.People ?? 0, runs.Count == 0 ? [] : Criteria(runs[0].Id, null));
    }

    /// <summary>The user's list scope (a head of PDU's PDU, an analyst's everything); null when their roles give no list scope.</summary>
    public ListTrendView? For(StaffUser user)
    {
        if (!user.Has(Permission.ViewMonthlyList)) return null;
        var filter = CaseFilter.For(user, Permission.ViewMonthlyList);
        if (filter.All) return Service();
        // Criteria are counted over everyone screened, who are stored per PDU: a PDU or region scope only.
        if (filter.PduCodes.Count == 0 && filter.RegionCodes.Count == 0) return null;
        var runs = LatestRuns();
        if (runs.Count == 0) return new ListTrendView("your area", [], 0, []);
        var ids = runs.Select(r => r.Id).ToList();
        // The counts below are of stored runs, which never change: each is counted once per run and area (CriteriaCounts),
        // not on every home page view (a national month is 240,000 people).
        var pdus = db.ListedCases.AsNoTracking().Where(c => c.RunId == ids[0])
            .Where(c => filter.PduCodes.Contains(c.PduCode) || (c.RegionCode != null && filter.RegionCodes.Contains(c.RegionCode)))
            .Select(c => c.PduCode).Distinct().ToList();
        pdus.AddRange(filter.PduCodes.Except(pdus, StringComparer.Ordinal));
        var months = runs.Select(r =>
            {
                var c = cache.GetOrAdd(r.Id, pdus, () => Listed(r.Id, pdus), "listed");
                return new TrendMonth(r.AsOf, Shown(c[0]), Shown(c[1]));
            })
            .Reverse().ToList();
        var people = cache.GetOrAdd(ids[0], pdus, () => [db.PersonResults.AsNoTracking().Count(p => p.RunId == ids[0] && pdus.Contains(p.PduCode))], "people")[0];
        return new ListTrendView(pdus.Count == 1 ? pdus[0] : "your area", months, people, Criteria(ids[0], pdus));
    }

    private int[] Listed(int runId, List<string> pdus)
    {
        var listed = db.ListedCases.AsNoTracking().Where(c => c.RunId == runId && pdus.Contains(c.PduCode) && c.Change != (byte)ListChange.Left);
        return [listed.Count(c => c.Status == (byte)ScreeningStatus.Complex), listed.Count(c => c.Status == (byte)ScreeningStatus.PossiblyComplex)];
    }

    private List<Data.Screening.ScreeningRun> LatestRuns()
    {
        // The runs of each month's operational definition: the adopted one, else Workflow:DefinitionId.
        return Definitions.OperationalDefinition.Runs(db, settings.DefinitionId)
            .OrderByDescending(r => r.AsOf).ThenByDescending(r => r.Id).Take(Months).ToList()
            // One run per month: a month re-run keeps its newest run.
            .GroupBy(r => r.AsOf).Select(g => g.First()).ToList();
    }

    /// <summary>How many of a run's people (in <paramref name="pdus"/>, or all) meet each criterion; small counts withheld.</summary>
    public List<CriterionShare> Criteria(int runId, List<string>? pdus)
    {
        var met = cache.GetOrAdd(runId, pdus, () => Count(runId, pdus));
        return [.. CriterionIds.All.Select(id => new CriterionShare(id, Label(id), Shown(met[(int)id])))];
    }

    private int[] Count(int runId, List<string>? pdus)
    {
        var results = db.PersonResults.AsNoTracking().Where(p => p.RunId == runId);
        if (pdus is not null) results = results.Where(p => pdus.Contains(p.PduCode));
        // One pass over the month's people: a count per criterion bit.
        return results.GroupBy(_ => 1).Select(g => new[]
        {
            g.Sum(p => (p.MetMask & 1) != 0 ? 1 : 0), g.Sum(p => (p.MetMask & 2) != 0 ? 1 : 0),
            g.Sum(p => (p.MetMask & 4) != 0 ? 1 : 0), g.Sum(p => (p.MetMask & 8) != 0 ? 1 : 0),
            g.Sum(p => (p.MetMask & 16) != 0 ? 1 : 0), g.Sum(p => (p.MetMask & 32) != 0 ? 1 : 0),
            g.Sum(p => (p.MetMask & 64) != 0 ? 1 : 0), g.Sum(p => (p.MetMask & 128) != 0 ? 1 : 0),
        }).FirstOrDefault() ?? new int[CriterionIds.Count];
    }

    private static ShownCount Shown(int count) => new(count, SmallCounts.IsSmall(count));

    public static string Label(CriterionId id) => id switch
    {
        CriterionId.Rosh => "High RoSH",
        CriterionId.MentalHealth => "Mental health",
        CriterionId.SelfHarm => "Self-harm risk",
        CriterionId.LearningDifficulties => "Learning difficulties",
        CriterionId.Mappa => "MAPPA level 2 or 3",
        CriterionId.Opd => "OPD screened in",
        CriterionId.Substance => "Alcohol or drug need",
        CriterionId.Ipp => "IPP sentence",
        _ => id.ToKey(),
    };
}
