using ComplexCases.Application;
using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Panels;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.Workflow;
using ComplexCases.Web.Panels;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ComplexCases.Web.Pages.Actions;

/// <summary>
/// One action: its owner (or the panel team) marks it done or dropped, with notes; a save from an out-of-date page is refused.
/// An owner who may no longer see the case (a panel member once the meeting's follow-up closes) gets 404, as for any action.
/// </summary>
[Authorize(Policy = nameof(Permission.UpdateOwnActions))]
public sealed class ShowModel(CaseActions actions, Auditing audit, Pseudonymiser pseudonyms) : PanelFormPage
{
    [FromRoute] public long Id { get; set; }
    [BindProperty] public string? Status { get; set; }
    [BindProperty] public string? Notes { get; set; }
    [BindProperty] public int Version { get; set; }

    public ActionItem Item { get; private set; } = null!;

    /// <summary>Every update so far, oldest first.</summary>
    public IReadOnlyList<CaseActionUpdateRecord> Updates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await Load()) return NotFound();
        // Each save is a new update kept in the history below the form: the notes box is for this update's note.
        (Status, Notes, Version) = (Item.Status.ToString(), "", Item.Action.Version);
        return Page();
    }

    /// <summary>The CRN where the user may see who the case is about, otherwise its pseudonym.</summary>
    public string Reference => Item.ShowsIdentity ? Item.Action.Crn : pseudonyms.For(Domain.People.Crn.Parse(Item.Action.Crn));

    public async Task<IActionResult> OnPostAsync()
    {
        var status = Enum.TryParse<ActionStatus>(Status, out var parsed) && Enum.IsDefined(parsed) ? parsed : (ActionStatus?)null;
        var user = CurrentUser.Require(HttpContext);
        var result = actions.Update(user, Id, Version, status, Notes);
        if (result.Status == UseCaseStatus.NotFound)
        {
            // A refused save is recorded like a refused view: nothing was changed, and nothing is said about the action.
            await Denied(user);
            return NotFound();
        }
        if (!await Load()) return NotFound();
        if (!result.Succeeded)
        {
            // After a conflict the form shows the action as it is now; the user's notes stay so nothing typed is lost.
            if (result.Status == UseCaseStatus.Conflict) (Status, Version) = (Item.Status.ToString(), Item.Action.Version);
            return Refused(result);
        }
        Banner($"Action updated: {result.Value!.Description} is {((ActionStatus)result.Value.Status).Label().ToLowerInvariant()}.");
        return Redirect("/actions");
    }

    private async Task<bool> Load()
    {
        var user = CurrentUser.Require(HttpContext);
        if (actions.Find(user, Id) is not { } item)
        {
            await Denied(user);
            return false;
        }
        Item = item;
        Updates = actions.UpdatesOf([item.Action.Id]).GetValueOrDefault(item.Action.Id) ?? [];
        await audit.RecordAsync(user, AuditAction.Consultation, AuditEventTypes.ActionViewed, "Complex Case Panel: action", [item.Action.Crn],
            new AuditDetails().Add("actionId", Id).ToString());
        return true;
    }

    private Task Denied(StaffUser user) =>
        audit.RecordAsync(user, AuditAction.Consultation, AuditEventTypes.AccessDenied, "action requested", [], $"path=/actions/{Id}");
}
