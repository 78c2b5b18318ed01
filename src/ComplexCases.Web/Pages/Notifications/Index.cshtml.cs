using System.Globalization;
using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Notifications;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Audit;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Notifications;

/// <summary>The signed-in user's own notifications, newest first; unread ones marked until they mark them all as read.</summary>
[Authorize(Policy = nameof(Permission.ViewNotifications))]
public sealed class IndexModel(NotificationCentre notifications, Auditing audit) : PageModel
{
    public const int PageSize = 50;

    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<NotificationRecord> Items { get; private set; } = [];
    public int Total { get; private set; }
    public int Unread { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGetAsync()
    {
        if (PageNumber < 1) return BadRequest();
        var user = CurrentUser.Require(HttpContext);
        Total = notifications.CountFor(user.Id);
        Unread = notifications.UnreadCount(user.Id);
        Items = notifications.For(user.Id, (PageNumber - 1) * PageSize, PageSize);
        var crns = Items.SelectMany(n => (n.Crns ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal).ToList();
        // Notifications carry CRNs: reading them is a consultation like any list of cases.
        await audit.RecordAsync(user, AuditAction.Consultation, AuditEventTypes.NotificationsViewed, "own notifications", crns,
            new AuditDetails().Add("page", PageNumber).Add("shown", Items.Count).Add("unread", Unread).ToString());
        return Page();
    }

    public IActionResult OnPostMarkAllRead()
    {
        var user = CurrentUser.Require(HttpContext);
        var marked = notifications.MarkAllRead(user.Id);
        TempData["Banner"] = marked == 1 ? "1 notification marked as read." : string.Create(CultureInfo.InvariantCulture, $"{marked} notifications marked as read.");
        return RedirectToPage();
    }
}
