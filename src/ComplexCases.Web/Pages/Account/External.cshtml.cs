using ComplexCases.Data.Accounts;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Account;

/// <summary>
/// Where the identity provider's sign-in lands: the external cookie is swapped for the usual sign-in cookie of the
/// matching local account (so permissions work as for a password sign-in), or the user is told why not.
/// </summary>
[AllowAnonymous]
public sealed class ExternalModel(SignInManager<StaffAccount> signIn, ExternalAccounts accounts, OpenIdConnectSettings identityProvider,
    ILogger<ExternalModel> logger) : PageModel
{
    [FromQuery] public string? ReturnUrl { get; set; }
    [FromQuery] public bool Failed { get; set; }

    public string ProviderName => identityProvider.DisplayName;
    public string? Refusal { get; private set; }
    /// <summary>The user name the provider gave, for the user to pass to their administrator.</summary>
    public string? UserName { get; private set; }
    public string ContinueTo { get; private set; } = "/";

    public async Task<IActionResult> OnGetAsync()
    {
        if (!identityProvider.Enabled) return NotFound();
        if (Failed)
        {
            Refusal = $"Signing in with {identityProvider.DisplayName} did not finish. Try again.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var external = await HttpContext.AuthenticateAsync(IdentityConstants.ExternalScheme);
        if (!external.Succeeded) return RedirectToPage("/Account/SignIn");
        // The external cookie is only a hand-over: used once, whatever the outcome.
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);

        var match = await accounts.MatchAsync(external.Principal);
        if (!match.Matched)
        {
            logger.LogWarning("Sign-in with {Provider} refused for {UserName}: {Reason}", OpenIdConnectSettings.Scheme, match.UserName, match.Refusal);
            Refusal = match.Refusal;
            UserName = match.UserName;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }
        await signIn.SignInAsync(match.Account!, isPersistent: false, authenticationMethod: OpenIdConnectSettings.Scheme);
        ContinueTo = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
        // A page, not a redirect: this request arrived through the provider's redirects, and a browser does not send the
        // SameSite=Strict sign-in cookie along such a chain. A reload started by this page is same-site, so it does.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
