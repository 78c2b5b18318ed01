using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Panels;
using ComplexCases.Domain.Audit;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Actions;

/// <summary>My actions: the panel actions the user owns, overdue first.</summary>
[Authorize(Policy = nameof(Permission.UpdateOwnActions))]
public sealed class IndexModel(CaseActions actions, Auditing audit) : PageModel
{
    public IReadOnlyList<ActionItem> Actions { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var user = CurrentUser.Require(HttpContext);
        Actions = actions.Mine(user);
        if (Actions.Count > 0)
            await audit.RecordAsync(user, AuditAction.Consultation, AuditEventTypes.ActionViewed, "Complex Case Panel: my actions",
                Actions.Select(a => a.Action.Crn).Distinct(), new AuditDetails().Add("actions", Actions.Count).ToString());
    }
}
