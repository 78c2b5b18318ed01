using ComplexCases.Application.Access;
using ComplexCases.Application.Insight;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Mvc;

namespace ComplexCases.Web.Insight;

/// <summary>The listed-counts and criteria charts where they are shown (runs page: the service; home pages: the user's area).</summary>
public sealed class ListTrendViewComponent(ListTrend trend) : ViewComponent
{
    public IViewComponentResult Invoke(bool wholeService)
    {
        var user = CurrentUser.Require(HttpContext);
        // On a home page, only for those who look at aggregates (head of PDU, panel team, QDO, analyst).
        var view = wholeService ? trend.Service() : user.Has(Permission.ViewAggregates) ? trend.For(user) : null;
        if (view is null || view.Months.Count == 0) return Content("");
        ViewData["WholeService"] = wholeService;   // where its tables download from (ListTrendDownload)
        return View("Default", view);
    }
}
