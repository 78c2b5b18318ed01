using ComplexCases.Application.Cases;
using ComplexCases.Application.Quality;
using ComplexCases.Application.Workflow;
using ComplexCases.Data.Workflow;

namespace ComplexCases.Application.CasePage;

/// <summary>
/// Everything the case page shows, for one viewer: the case as listed (why, and month by month), its place in the process,
/// its panel agenda entries and its quality reviews. The page's partials each take their part of it.
/// </summary>
public sealed record CaseView(CaseDetails Case, CaseWorkflowView? Workflow, IReadOnlyList<CasePanelEntry> PanelEntries, CaseReviews Reviews)
{
    public string Crn => Case.Listed.Crn;
}

/// <summary>One panel meeting with the case on its agenda: whether it was discussed, who of its staff is invited, and whether
/// the viewer is one of them while the meeting is still to come.</summary>
public sealed record CasePanelEntry(PanelMeetingRecord Meeting, bool Discussed, IReadOnlyList<PanelMeetingStaffRecord> Staff, bool ViewerToAttend);

/// <summary>The case's quality reviews the viewer may read, and whether they may review it themselves.</summary>
public sealed record CaseReviews(string Crn, IReadOnlyList<QualityReviewView> Reviews, bool MayReview);
