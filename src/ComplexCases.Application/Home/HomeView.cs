using ComplexCases.Application.Access;
using ComplexCases.Application.Panels;
using ComplexCases.Application.Quality;
using ComplexCases.Application.Workflow;
using ComplexCases.Data.Workflow;
using ComplexCases.Data.Screening;
using ComplexCases.Domain.Screening;

namespace ComplexCases.Application.Home;

/// <summary>A probation delivery unit's counts on the latest list.</summary>
public sealed record PduSummary(string Code, string? Name, int Complex, int PossiblyComplex, int New);

/// <summary>For practitioners and SPOs: a complex case of theirs on this month's list.</summary>
public sealed record YourCase(string Crn, string? Name, string PduCode, ScreeningStatus Status, ListChange Change, int Score);

/// <summary>The process part of the home page: what is waiting on the user, soonest due first (empty where their role has no such step).</summary>
public sealed record WorkflowHome(IReadOnlyList<DueCase> ConversationsDue, IReadOnlyList<DueCase> TriageDue);

/// <summary>
/// The panel and quality part of the home page. Each is null where the user's role does not show it (the page leaves the
/// heading out), and empty where it does but there is nothing to show.
/// </summary>
public sealed record PanelAndQualityHome(
    IReadOnlyList<UpcomingMeeting>? Upcoming,
    IReadOnlyList<(CaseListing Listing, DateOnly? OnAgendaFor)>? AwaitingPanel,
    UseCaseResult<QualitySample>? Sample);

/// <summary>A meeting still to come, with its agenda as the user sees it.</summary>
public sealed record UpcomingMeeting(PanelMeetingRecord Meeting, IReadOnlyList<HomeAgendaItem> Agenda);

/// <summary>An agenda item; <see cref="MayOpen"/>: the user sees the name and opens the case as the panel does (a member: their meetings' cases).</summary>
public sealed record HomeAgendaItem(AgendaCase Case, bool MayOpen);

/// <summary>Everything the home page shows, read and audited by <see cref="ShowHome"/>. Without a stored run there is nothing but the run.</summary>
public sealed record HomeView(ScreeningRun? LatestRun)
{
    public CaseScope Scope { get; init; }
    public IReadOnlyList<YourCase> YourCases { get; init; } = [];
    /// <summary>Possibly complex people in the user's scope whose records need checking (a data-quality task, not a conversation).</summary>
    public int RecordsToCheck { get; init; }
    public IReadOnlyList<PduSummary> Pdus { get; init; } = [];
    public WorkflowHome Workflow { get; init; } = new([], []);
    public PanelAndQualityHome PanelAndQuality { get; init; } = new(null, null, null);
}
