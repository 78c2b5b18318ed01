using ComplexCases.Application.Access;
using ComplexCases.Application.Workflow;
using ComplexCases.Data;
using ComplexCases.Domain.Screening;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Insight;

/// <summary>One PDU's list in a month: complex and possibly complex, suppressed for display.</summary>
public sealed record ListedInPdu(string PduCode, string Name, ShownCount Complex, ShownCount PossiblyComplex);

/// <summary>
/// A month's headline figures in one area: the list per PDU and the criteria met (from the month's operational run), the
/// process funnel, quality and expertise for the cases listed in that month. Every count suppressed as on the pages.
/// </summary>
public sealed record MonthSummaryView(
    DateOnly Month, string Area, DateOnly? AsOf, int People, IReadOnlyList<ListedInPdu> Pdus, ListedInPdu Total,
    IReadOnlyList<CriterionShare> Criteria, ProcessInsightView Process, QualityInsightView Quality, ExpertiseInsightView Expertise);

/// <summary>
/// The month summary report (issue 14: "a month's summary downloads as a PDF report"): the insight pages' headline tables for
/// one month, for the user's area or one PDU in it. Counts only; the caller audits the download.
/// </summary>
public sealed class MonthSummary(ComplexCasesDbContext db, WorkflowSettings settings, ListTrend trend, ProcessInsight process,
    QualityInsight quality, ExpertiseInsight expertise)
{
    /// <summary>
    /// The summary, or a refusal naming why: no PDU <paramref name="pdu"/> listed that month in the user's area. For one PDU,
    /// the figures are those its head of PDU sees (its teams); the user's own scope is checked first, so no one sees further.
    /// </summary>
    public UseCaseResult<MonthSummaryView> Run(StaffUser user, DateOnly month, string? pdu)
    {
        var last = month.AddMonths(1).AddDays(-1);
        var run = Definitions.OperationalDefinition.Runs(db, settings.DefinitionId)
            .Where(r => r.AsOf >= month && r.AsOf <= last)
            .OrderByDescending(r => r.AsOf).ThenByDescending(r => r.Id).FirstOrDefault();
        var filter = CaseFilter.For(user, Permission.ViewMonthlyList);
        var listed = run is null ? [] : Listed(run.Id, filter);
        if (pdu is not null)
        {
            if (!listed.Any(l => l.PduCode == pdu))
                return UseCaseResult<MonthSummaryView>.Invalid($"No list for PDU {pdu} in your area in {month:MMMM yyyy}.");
            listed = [.. listed.Where(l => l.PduCode == pdu)];
            user = new StaffUser(user.Id, user.DisplayName, [Role.HeadOfPdu]) { PduCode = pdu };
        }
        var rows = listed.Select(l => new[] { l.Complex, l.Possibly }).ToList();
        var withheld = SmallCounts.Withheld(rows);
        var pdus = listed.Select((l, i) => new ListedInPdu(l.PduCode, l.Name, new(l.Complex, withheld[i][0]), new(l.Possibly, withheld[i][1]))).ToList();
        var (complex, possibly) = (listed.Sum(l => l.Complex), listed.Sum(l => l.Possibly));
        var total = new ListedInPdu("", "Total", new(complex, SmallCounts.IsSmall(complex)), new(possibly, SmallCounts.IsSmall(possibly)));
        var codes = listed.Select(l => l.PduCode).ToList();
        var people = run is null ? 0 : db.PersonResults.AsNoTracking().Count(p => p.RunId == run.Id && codes.Contains(p.PduCode));
        var criteria = run is null ? [] : trend.Criteria(run.Id, filter.All && pdu is null ? null : codes);
        return UseCaseResult<MonthSummaryView>.Ok(new MonthSummaryView(month, pdu ?? (filter.All ? "every PDU" : "your area"), run?.AsOf, people, pdus, total, criteria,
            process.Run(user, month, last), quality.Run(user, month, last, byTeam: null), expertise.Run(user, month, last)));
    }

    private sealed record Listing(string PduCode, string Name, int Complex, int Possibly);

    /// <summary>The run's listed people per PDU in the user's list scope, counted in SQL.</summary>
    private List<Listing> Listed(int runId, CaseFilter filter)
    {
        var cases = db.ListedCases.AsNoTracking().Where(c => c.RunId == runId && c.Change != (byte)ListChange.Left);
        if (!filter.All)
            cases = cases.Where(c => filter.PduCodes.Contains(c.PduCode) || (c.RegionCode != null && filter.RegionCodes.Contains(c.RegionCode)));
        return [.. cases.GroupBy(c => c.PduCode)
            .Select(g => new
            {
                Pdu = g.Key,
                Name = g.Max(c => c.PduName),
                Complex = g.Count(c => c.Status == (byte)ScreeningStatus.Complex),
                Possibly = g.Count(c => c.Status == (byte)ScreeningStatus.PossiblyComplex),
            })
            .ToList()
            .Select(x => new Listing(x.Pdu, x.Name ?? x.Pdu, x.Complex, x.Possibly))
            .OrderBy(x => x.Name, StringComparer.Ordinal)];
    }
}
