using ComplexCases.Application.Access;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Account;

/// <summary>
/// The signed-in person's personal access tokens for the JSON API: make one (shown once, on the answer to the post), see them
/// all with when they were last used, revoke one. A thin adapter over <see cref="ApiTokens"/>, which audits each change.
/// </summary>
[Authorize(Policy = nameof(Permission.UseApiTokens))]
public sealed class TokensModel(ApiTokens tokens, TimeProvider clock) : PageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Days { get; set; }

    public IReadOnlyList<ApiTokenRow> Tokens { get; private set; } = [];
    public List<(string Field, string Message)> Errors { get; } = [];
    /// <summary>The token just made: its secret is on this response only.</summary>
    public NewApiToken? Created { get; private set; }
    public string? Revoked { get; private set; }
    public DateTimeOffset Now => clock.GetUtcNow();

    public void OnGet(string? revoked)
    {
        Revoked = revoked;
        Tokens = tokens.ListFor(CurrentUser.Require(HttpContext).Id);
    }

    public IActionResult OnPost()
    {
        var user = CurrentUser.Require(HttpContext);
        var result = tokens.Create(user, Name, Days);
        if (result.Succeeded)
        {
            Created = result.Value;
            Name = null;
            Days = null;
        }
        else
        {
            Errors.AddRange(result.Errors.Select(e => (e.Field, e.Message)));
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        Tokens = tokens.ListFor(user.Id);
        // The secret is in this page: no cache and no history may keep it (no-store is set for every page already).
        return Page();
    }

    public IActionResult OnPostRevoke(Guid id)
    {
        var user = CurrentUser.Require(HttpContext);
        var result = tokens.Revoke(user, user.Id, id);
        if (!result.Succeeded) return NotFound();
        return RedirectToPage(new { revoked = result.Value.Name });
    }
}
