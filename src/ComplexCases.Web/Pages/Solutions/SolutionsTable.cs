using ComplexCases.Application.Solutions;
using ComplexCases.Domain.Panels;
using ComplexCases.Domain.Workflow;
using ComplexCases.Web.Downloads;

namespace ComplexCases.Web.Pages.Solutions;

/// <summary>The library's entries as a download: one row a solution, the fields the page shows of it (taken out of its case).</summary>
public static class SolutionsTable
{
    public static DownloadTable Of(IReadOnlyList<PanelSolution> solutions) => new(
        ["Month", "Kinds of blockage", "The blockage", "Already tried", "What the panel agreed", "Actions", "Actions done", "Actions agreed", "Outcome"],
        [.. solutions.Select(s => (IReadOnlyList<Cell>)
        [
            Cell.Text(s.Month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)),
            Cell.Text(string.Join("; ", s.Blockages.Select(b => b.Label()))),
            Cell.Text(s.Blockage),
            Cell.Text(s.Tried),
            Cell.Text(s.Decisions),
            Cell.Text(string.Join("; ", s.Actions.Select(a => $"{a.Agency.Label()}: {a.Description} ({Status(a.Status)})"))),
            Cell.Whole(s.Done),
            Cell.Whole(s.Actions.Count),
            Cell.Text(s.Outcome),
        ])]);

    /// <summary>An action's status as the library page and its download both say it.</summary>
    public static string Status(ActionStatus status) => status switch
    {
        ActionStatus.Done => "done",
        ActionStatus.Dropped => "dropped",
        _ => "open",
    };
}
