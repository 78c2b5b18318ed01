using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Panels;
using ComplexCases.Domain.Audit;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Actions;

/// <summary>My actions: the panel actions the user owns on cases they may still see, overdue first.</summary>
[Authorize(Policy = nameof(Permission.UpdateOwnActions))]
public sealed class IndexModel(CaseActions actions, Auditing audit, Pseudonymiser pseudonyms) : PageModel
{
    public IReadOnlyList<ActionItem> Actions { get; private set; } = [];

    /// <summary>The CRN where the user may see who the case is about, otherwise its pseudonym.</summary>
    public string Reference(ActionItem item) => item.ShowsIdentity ? item.Action.Crn : pseudonyms.For(Domain.People.Crn.Parse(item.Action.Crn));

    public async Task OnGetAsync()
    {
        var user = CurrentUser.Require(HttpContext);
        Actions = actions.Mine(user);
        if (Actions.Count > 0)
            await audit.RecordAsync(user, AuditAction.Consultation, AuditEventTypes.ActionViewed, "Complex Case Panel: my actions",
                Actions.Select(a => a.Action.Crn).Distinct(), new AuditDetails().Add("actions", Actions.Count).ToString());
    }
}
