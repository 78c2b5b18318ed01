using System.ComponentModel.DataAnnotations;
using ComplexCases.Data.Accounts;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Account;

[AllowAnonymous]
public sealed class SignInModel(SignInManager<StaffAccount> signIn, OpenIdConnectSettings identityProvider) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Enter your user name")]
    public string? UserName { get; set; }

    [BindProperty, Required(ErrorMessage = "Enter your password"), DataType(DataType.Password)]
    public string? Password { get; set; }

    [FromQuery] public string? ReturnUrl { get; set; }

    public string? Problem { get; private set; }

    /// <summary>The organisation's identity provider, when one is configured (<see cref="OpenIdConnectSettings"/>).</summary>
    public OpenIdConnectSettings IdentityProvider => identityProvider;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var result = await signIn.PasswordSignInAsync(UserName!, Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        Problem = result.IsLockedOut
            ? "This account is locked after too many failed attempts. Try again in 15 minutes."
            : "The user name or password is not right";
        return Page();
    }

    /// <summary>"Sign in with …": off to the identity provider, back through <c>/sign-in/external</c>.</summary>
    public IActionResult OnPostExternal()
    {
        if (!identityProvider.Enabled) return NotFound();
        var returnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
        return Challenge(new AuthenticationProperties { RedirectUri = $"/sign-in/external?returnUrl={Uri.EscapeDataString(returnUrl)}" },
            OpenIdConnectSettings.Scheme);
    }

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await signIn.SignOutAsync();
        return RedirectToPage();
    }
}
