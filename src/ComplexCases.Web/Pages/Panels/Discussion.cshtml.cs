using ComplexCases.Application.Access;
using ComplexCases.Application.Panels;
using ComplexCases.Domain.Panels;
using ComplexCases.Domain.Workflow;
using ComplexCases.Web.Panels;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ComplexCases.Web.Pages.Panels;

/// <summary>
/// The panel team records the panel's discussion of a case: summary, decisions and actions with owners and due dates. Saving
/// moves the case on (the panel-discussed step) with its actions, or nothing at all.
/// </summary>
[Authorize(Policy = nameof(Permission.ManagePanels))]
public sealed class DiscussionModel(PanelCases cases, PanelDiscussions discussions) : PanelFormPage
{
    public const int BlankRows = 3;

    public sealed class ActionRow
    {
        public string? Description { get; set; }
        public string? OwnerName { get; set; }
        /// <summary>The agency's key, e.g. <c>mental_health</c>.</summary>
        public string? OwnerAgency { get; set; }
        public string? OwnerUserName { get; set; }
        public DateInput DueOn { get; set; } = new();
    }

    [FromRoute] public long Id { get; set; }
    [FromRoute] public string Crn { get; set; } = "";
    [BindProperty] public string? Summary { get; set; }
    [BindProperty] public string? Decisions { get; set; }
    [BindProperty] public List<ActionRow> Actions { get; set; } = [];
    [BindProperty] public int Version { get; set; }

    public PanelCaseView View { get; private set; } = null!;

    /// <summary>Invited members with an account: with staff whose cases include this one, the only accounts that may own an action.</summary>
    public IReadOnlyList<(string Name, string UserName)> InvitedAccounts { get; private set; } = [];

    public IActionResult OnGet()
    {
        if (!Load()) return NotFound();
        Version = View.Listing.Version;
        Actions = [.. Enumerable.Range(0, BlankRows).Select(_ => new ActionRow())];
        return Page();
    }

    /// <summary>"Add another action" without script: the same form back with one more empty row, nothing saved or checked.</summary>
    public IActionResult OnPostAddAction()
    {
        if (!Load()) return NotFound();
        if (Actions.Count < PanelDiscussions.MaxActions) Actions.Add(new ActionRow());
        return Page();
    }

    public IActionResult OnPost()
    {
        if (!Load()) return NotFound();
        var own = Actions.Select((row, i) => RealDate($"Actions[{i}].DueOn", $"Action {i + 1}: the due date", row.DueOn)).ToList();
        var input = new DiscussionInput(Version, Summary, Decisions, [.. Actions.Select(row => new ActionInput(row.Description, row.OwnerName,
            Agencies.TryParse(row.OwnerAgency, out var agency) ? agency : null, row.OwnerUserName,
            // A date that is not a real date is reported by this page; passed as a date long past, the row still counts as
            // filled in and the use case refuses it too, so nothing is saved.
            row.DueOn.IsInvalid ? DateOnly.MinValue : row.DueOn.Value))]);
        var result = discussions.Record(CurrentUser.Require(HttpContext), Id, Crn, input);
        if (result.Outcome == PanelOutcome.NotFound) return NotFound();
        if (!result.Succeeded) return Refused(result, Own([.. own]));
        Banner($"The panel's discussion of {View.Listing.Forename} {View.Listing.Surname} is recorded with {Actions.Count(r => !string.IsNullOrWhiteSpace(r.Description))} action(s).");
        return Redirect($"/panels/{Id}");
    }

    public string? RowError(int row, string field) => ErrorFor($"Actions[{row}].{field}");

    private bool Load()
    {
        var user = CurrentUser.Require(HttpContext);
        if (!Domain.People.Crn.TryParse(Crn, out _) || cases.Find(user, Id, Crn) is not { } view || !PanelScope.MayManage(user, view.Meeting.RegionCode)) return false;
        View = view;
        InvitedAccounts = discussions.InvitedAccounts(user, Id);
        return true;
    }
}
