using System.Globalization;
using ComplexCases.Application.Access;
using ComplexCases.Application.Panels;
using ComplexCases.Application.Workflow;
using ComplexCases.Data;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Insight;
using ComplexCases.Domain.Panels;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Insight;

/// <summary>One agency over the period: cases that needed it, those with someone from it present, and the share.</summary>
public sealed record AgencyCoverageRow(Agency Agency, ShownCount Needing, ShownCount Present, string Share, int? Percent);

/// <summary>One PDU's month (or the total): cases discussed, needing any expertise, with all of it present; then the share present per agency.</summary>
public sealed record AreaMonthCoverageRow(string Name, DateOnly? Month, ShownCount Discussed, ShownCount NeedingAny, ShownCount AllPresent,
    string ShareAllPresent, IReadOnlyList<string> ShareByAgency);

public sealed record ExpertiseInsightView(DateOnly From, DateOnly To, IReadOnlyList<AgencyCoverageRow> Agencies, IReadOnlyList<AreaMonthCoverageRow> Rows, AreaMonthCoverageRow Total)
{
    public static IReadOnlyList<Agency> AgencyColumns { get; } = Domain.Panels.Agencies.All;
}

/// <summary>
/// Expertise at panel (issue 14): of the cases discussed at held panel meetings in the period, in the user's list scope, how
/// many needed each agency's expertise (<c>definitions/panel-expertise.json</c>: from the criteria the case meets and the
/// blockages its escalation named, as <see cref="PanelExpertise"/> reads them today) and how many had someone from that
/// agency present: a directory member of the agency who attended, and for probation also the case's practitioner or SPO
/// attending. Per PDU and meeting month, and in total. Counts only, small counts withheld.
/// </summary>
public sealed class ExpertiseInsight(ComplexCasesDbContext db, PanelExpertise expertise)
{
    public ExpertiseInsightView Run(StaffUser user, DateOnly from, DateOnly to)
    {
        var filter = CaseFilter.For(user, Permission.ViewMonthlyList);
        var meetings = db.PanelMeetings.AsNoTracking()
            .Where(m => m.Status != (int)PanelMeetingStatus.Scheduled && m.HeldOn >= from && m.HeldOn <= to)
            .Include(m => m.Members).Include(m => m.Agenda).AsSplitQuery().ToList();
        var meetingIds = meetings.Select(m => m.Id).ToList();
        var agencyOf = db.PanelMembers.AsNoTracking().Select(p => new { p.Id, p.Agency }).ToList().ToDictionary(p => p.Id, p => (Agency)p.Agency);
        var staffPresent = db.PanelMeetingStaff.AsNoTracking().Where(s => meetingIds.Contains(s.MeetingId) && s.Attended)
            .Select(s => s.MeetingId).Distinct().ToHashSet();
        var workflowIds = meetings.SelectMany(m => m.Agenda).Where(a => a.Discussed).Select(a => a.WorkflowId).Distinct().ToList();
        var workflows = db.Workflows.AsNoTracking().Where(w => workflowIds.Contains(w.Id)).ToList()
            .Where(w => filter.Reaches(WorkflowRecords.Facts(w)))
            .ToDictionary(w => w.Id);
        var needs = expertise.NeedsByCase([.. workflows.Values.Select(w => w.Crn)]);
        var seen = meetings.SelectMany(m =>
        {
            var present = m.Members.Where(x => x.Attended && agencyOf.ContainsKey(x.MemberId)).Select(x => agencyOf[x.MemberId]).ToHashSet();
            if (staffPresent.Contains(m.Id)) present.Add(Agency.Probation);
            return m.Agenda.Where(a => a.Discussed && workflows.ContainsKey(a.WorkflowId))
                .Select(a => new PanelCaseSeen(workflows[a.WorkflowId].PduCode, m.HeldOn,
                    needs.TryGetValue(a.Crn, out var needed) ? needed : new HashSet<Agency>(), present));
        }).ToList();

        var total = ExpertiseCoverage.Total(seen);
        var agencies = ExpertiseInsightView.AgencyColumns.Select(agency =>
        {
            var (share, percent) = SmallCounts.Share(total.Present(agency), total.Needing(agency));
            return new AgencyCoverageRow(agency, Shown(total.Needing(agency)), Shown(total.Present(agency)), share, percent);
        }).ToList();

        var names = ProcessInsight.AreaNames(db, byTeam: false);
        var counts = ExpertiseCoverage.Count(seen)
            .Select(c => (Name: names.GetValueOrDefault(c.Key.Area) ?? c.Key.Area, c.Key.Month, Counts: c.Value))
            .OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Month).ToList();
        // The three counts are summed by the total row: the secondary rule runs down each column.
        var withheld = SmallCounts.Withheld([.. counts.Select(c => new[] { c.Counts.Discussed, c.Counts.NeedingAny, c.Counts.AllPresent })]);
        return new ExpertiseInsightView(from, to, agencies,
            [.. counts.Select((c, i) => Row(c.Name, c.Month, c.Counts, withheld[i]))],
            Row("Total", null, total, [SmallCounts.IsSmall(total.Discussed), SmallCounts.IsSmall(total.NeedingAny), SmallCounts.IsSmall(total.AllPresent)]));
    }

    private static AreaMonthCoverageRow Row(string name, DateOnly? month, CoverageCounts c, bool[] withheld)
    {
        var hidden = withheld[1];
        return new AreaMonthCoverageRow(name, month, new ShownCount(c.Discussed, withheld[0]), new ShownCount(c.NeedingAny, withheld[1]),
            new ShownCount(c.AllPresent, withheld[2]),
            hidden ? "[c]" : SmallCounts.Share(c.AllPresent, c.NeedingAny).Text,
            [.. ExpertiseInsightView.AgencyColumns.Select(a => hidden ? "[c]" : SmallCounts.Share(c.Present(a), c.Needing(a)).Text)]);
    }

    private static ShownCount Shown(int count) => new(count, SmallCounts.IsSmall(count));
}
