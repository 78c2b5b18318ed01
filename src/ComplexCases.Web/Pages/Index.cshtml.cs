using ComplexCases.Application.Access;
using ComplexCases.Application.Home;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages;

/// <summary>The home page: one use case reads and audits everything it shows; the page and its partials only present it.</summary>
[Authorize(Policy = nameof(Permission.ViewHome))]
public sealed class IndexModel(ShowHome showHome) : PageModel
{
    public HomeView Home { get; private set; } = new(null);

    public async Task<IActionResult> OnGetAsync()
    {
        var result = await showHome.RunAsync(CurrentUser.Require(HttpContext));
        // The policy already refuses a role without the home page; the use case says the same, should it ever be reached.
        if (!result.Succeeded) return StatusCode(ResultToPage.StatusCode(result.Status));
        Home = result.Value;
        return Page();
    }
}
