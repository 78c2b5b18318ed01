using Microsoft.AspNetCore.Identity;

namespace ComplexCases.Application.Access;

/// <summary>
/// The rules for local accounts' passwords, lockout and user names, in one place: the web's sign-in and the command line's
/// <c>complexcases admin create</c> must accept and refuse the same passwords (a Web test holds the site to these values).
/// </summary>
public static class StaffIdentity
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
}
