using ComplexCases.Application;
using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Panels;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.Panels;
using ComplexCases.Domain.Workflow;
using ComplexCases.Web.Panels;
using ComplexCases.Web.Cases;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Panels;

/// <summary>
/// The panel team records the panel's discussion of a case: summary, decisions and actions with owners and due dates. Saving
/// moves the case on (the panel-discussed step) with its actions, or nothing at all.
/// </summary>
[Authorize(Policy = nameof(Permission.ManagePanels))]
public sealed class DiscussionModel(PanelCases cases, PanelDiscussions discussions, Auditing audit) : PanelFormPage
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

    /// <summary>The CRN in the address, parsed when the case is loaded.</summary>
    private Domain.People.Crn _case;

    /// <summary>Invited members with an account: with staff whose cases include this one, the only accounts that may own an action.</summary>
    public IReadOnlyList<(string Name, string UserName)> InvitedAccounts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!Load()) return await NotInReachAsync();
        Version = View.Listing.Version;
        Actions = [.. Enumerable.Range(0, BlankRows).Select(_ => new ActionRow())];
        return await ShownAsync(Page());
    }

    /// <summary>"Add another action" without script: the same form back with one more empty row, nothing saved or checked.</summary>
    public async Task<IActionResult> OnPostAddActionAsync()
    {
        if (!Load()) return await NotInReachAsync();
        if (Actions.Count < PanelDiscussions.MaxActions) Actions.Add(new ActionRow());
        return await ShownAsync(Page());
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Load()) return await NotInReachAsync();
        var own = Actions.Select((row, i) => RealDate($"Actions[{i}].DueOn", $"Action {i + 1}: the due date", row.DueOn)).ToList();
        var input = new DiscussionInput(Version, Summary, Decisions, [.. Actions.Select(row => new ActionInput(row.Description, row.OwnerName,
            Agencies.TryParse(row.OwnerAgency, out var agency) ? agency : null, row.OwnerUserName,
            // A date that is not a real date is reported by this page; passed as a date long past, the row still counts as
            // filled in and the use case refuses it too, so nothing is saved.
            row.DueOn.IsInvalid ? DateOnly.MinValue : row.DueOn.Value))]);
        var result = discussions.Record(CurrentUser.Require(HttpContext), Id, _case, input);
        if (result.Status == UseCaseStatus.NotFound) return await NotInReachAsync();
        if (!result.Succeeded) return await ShownAsync(Refused(result, Own([.. own])));
        Banner($"The panel's discussion of {View.Listing.Forename} {View.Listing.Surname} is recorded with {Actions.Count(r => !string.IsNullOrWhiteSpace(r.Description))} action(s).");
        return Redirect($"/panels/{Id}");
    }

    /// <summary>The form names the person and shows the case as the panel sees it: a consultation, recorded before it is shown.</summary>
    private async Task<IActionResult> ShownAsync(PageResult page)
    {
        await audit.RecordAsync(CurrentUser.Require(HttpContext), AuditAction.Consultation, AuditEventTypes.PanelCaseViewed,
            "Complex Case Panel: record the panel's discussion", [Crn], new AuditDetails().Add("meetingId", Id).Add("page", "discussion").ToString());
        return page;
    }

    private async Task<IActionResult> NotInReachAsync()
    {
        await audit.RecordAsync(CurrentUser.Require(HttpContext), AuditAction.Consultation, AuditEventTypes.AccessDenied, "panel case requested",
            [Crn], $"path=/panels/{Id}/cases/{Crn}/discussion");
        return NotFound();
    }

    public string? RowError(int row, string field) => ErrorFor($"Actions[{row}].{field}");

    private bool Load()
    {
        var user = CurrentUser.Require(HttpContext);
        if (RequestCrn.From(Crn) is not { } crn || cases.Find(user, Id, crn) is not { } view || !PanelScope.MayManage(user, view.Meeting.RegionCode)) return false;
        (_case, View) = (crn, view);
        InvitedAccounts = discussions.InvitedAccounts(user, Id);
        return true;
    }
}
