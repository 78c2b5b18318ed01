using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;

namespace ComplexCases.Application.Access;

/// <summary>
/// The rules for local accounts' passwords, lockout and user names, in one place: the web's sign-in and the command line's
/// <c>complexcases admin create</c> must accept and refuse the same passwords (a Web test holds the site to these values).
/// </summary>
public static partial class StaffIdentity
{
    public const int MinimumPasswordLength = 12;

    public static void Configure(IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        // Identity's defaults beside the length: a digit, a lower-case and an upper-case letter and a symbol.
        options.Password.RequiredLength = MinimumPasswordLength;
        options.User.RequireUniqueEmail = false;
    }

    /// <summary>
    /// A user name an account may have (the admin page and <c>complexcases admin create</c> check it): what people type on
    /// the sign-in page and identity providers send (<c>jane.smith</c>, <c>jane.smith@justice.gov.uk</c>), nothing else.
    /// </summary>
    public static bool IsUserName(string? text) => text is not null && UserNamePattern().IsMatch(text);

    [GeneratedRegex(@"^[A-Za-z0-9.\-_@]{2,64}$")]
    private static partial Regex UserNamePattern();
}
