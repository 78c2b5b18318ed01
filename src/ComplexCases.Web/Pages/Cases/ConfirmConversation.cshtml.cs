using ComplexCases.Application;
using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Workflow;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.Workflow;
using ComplexCases.Web.Cases;
using ComplexCases.Web.SignIn;
using ComplexCases.Web.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Cases;

/// <summary>
/// The SPO named on a conversation recorded by someone else reads it and confirms it. Anyone else, or a case with no
/// conversation waiting for this SPO, gets 404 (audited as refused).
/// </summary>
[Authorize(Policy = nameof(Permission.RecordConversation))]
public sealed class ConfirmConversationModel(CaseWorkflows workflows, Auditing audit) : PageModel
{
    public const string Purpose = "confirm a reflective practice conversation";

    [FromRoute] public string Crn { get; set; } = "";

    public WorkflowEventRecord Event { get; private set; } = null!;
    public Conversation Conversation { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        var user = CurrentUser.Require(HttpContext);
        if (!Load(user)) return await DeniedAsync(user);
        await audit.RecordAsync(user, AuditAction.Consultation, AuditEventTypes.CaseViewed, Purpose, [Crn], "page=conversation-confirm");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long eventId)
    {
        var user = CurrentUser.Require(HttpContext);
        if (RequestCrn.From(Crn) is not { } crn) return await DeniedAsync(user);
        var result = workflows.ConfirmConversation(user, crn, eventId);
        if (result.Status == UseCaseStatus.NotFound) return await DeniedAsync(user);
        TempData[StepPageModel.BannerKey] = result.Succeeded ? "You confirmed the conversation record." : result.Error;
        return Redirect($"/cases/{Uri.EscapeDataString(Crn)}");
    }

    /// <summary>The latest conversation on the case naming this user as SPO and not yet confirmed.</summary>
    private bool Load(StaffUser user)
    {
        if (RequestCrn.From(Crn) is not { } crn) return false;
        var record = workflows.Find(user, crn, Permission.RecordConversation);
        var waiting = record?.Events.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Where(e => e.ConfirmedBy is null)
            .Select(e => (Event: e, StepDetails.FromJson(e.DetailsJson).Conversation))
            .FirstOrDefault(x => x.Conversation?.SpoUserName == user.Id);
        if (waiting is not { Event: not null, Conversation: not null } found) return false;
        (Event, Conversation) = (found.Event, found.Conversation);
        return true;
    }

    private async Task<IActionResult> DeniedAsync(StaffUser user)
    {
        await audit.RecordAsync(user, AuditAction.Consultation, AuditEventTypes.AccessDenied, "conversation confirmation requested",
            RequestCrn.From(Crn) is null ? [] : [Crn], $"path=/cases/{Crn}/conversation/confirm");
        return NotFound();
    }
}
