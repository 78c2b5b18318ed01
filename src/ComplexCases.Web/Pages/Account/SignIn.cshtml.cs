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
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(ComplexCases.Web.Operations.RateLimits.SignInPolicy)]
public sealed partial class SignInModel(
    SignInManager<StaffAccount> signIn, OpenIdConnectSettings identityProvider, ComplexCases.Application.Audit.GroupCommitAuditWriter audit,
    ILogger<SignInModel> log) : PageModel
{
    /// <summary>
    /// One answer for every failure: a wrong password, an unknown user name and a locked account look alike, so the page
    /// does not tell anyone which user names exist. The lockout rule is stated on the page for everyone.
    /// </summary>
    public const string Failed = "The user name or password is not right";

    /// <summary>A hash to check unknown user names against, so they take as long as a wrong password for a real account.</summary>
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<StaffAccount>().HashPassword(new StaffAccount { UserName = "decoy", DisplayName = "decoy", Roles = "" }, Guid.NewGuid().ToString("N")));

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
        var account = await signIn.UserManager.FindByNameAsync(UserName!.Trim());
        Microsoft.AspNetCore.Identity.SignInResult result;
        if (account is null)
        {
            signIn.UserManager.PasswordHasher.VerifyHashedPassword(new StaffAccount { UserName = "decoy", DisplayName = "decoy", Roles = "" }, DecoyHash.Value, Password!);
            result = Microsoft.AspNetCore.Identity.SignInResult.Failed;
        }
        else
        {
            result = await signIn.PasswordSignInAsync(account, Password!, isPersistent: false, lockoutOnFailure: true);
        }
        if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        await RecordFailureAsync(account, result);
        Problem = Failed;
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

    /// <summary>
    /// Signing out ends the session on the server too: the account's security stamp is renewed, so any copy of its cookie
    /// (on another device, or copied) is refused at its next check, within a minute.
    /// </summary>
    public async Task<IActionResult> OnPostSignOutAsync()
    {
        if (await signIn.UserManager.GetUserAsync(User) is { } account) await signIn.UserManager.UpdateSecurityStampAsync(account);
        await signIn.SignOutAsync();
        return RedirectToPage();
    }

    /// <summary>Every failed sign-in is an audit entry and a log line: who was tried, from where, and why it failed.</summary>
    private async Task RecordFailureAsync(StaffAccount? account, Microsoft.AspNetCore.Identity.SignInResult result)
    {
        var reason = account is null ? "unknown user name" : result.IsLockedOut ? "account locked" : result.IsNotAllowed ? "not allowed" : "wrong password";
        var tried = UserName!.Trim();
        if (tried.Length > 64) tried = tried[..64];
        var from = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        SignInFailed(log, tried, reason, from);
        await audit.AppendAsync(new ComplexCases.Application.Audit.AuditEntryRequest(tried, ComplexCases.Domain.Audit.AuditAction.Consultation,
            result.IsLockedOut ? ComplexCases.Application.Audit.AuditEventTypes.SignInLockedOut : ComplexCases.Application.Audit.AuditEventTypes.SignInFailed,
            "sign-in to the service")
        {
            Details = new ComplexCases.Application.Audit.AuditDetails().Add("reason", reason).Add("from", from).ToString(),
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in failed for {UserName} from {Address}: {Reason}.")]
    private static partial void SignInFailed(ILogger logger, string userName, string reason, string address);
}
