using ComplexCases.Data;
using ComplexCases.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Access;

/// <summary>Local accounts as the access rules see them when the account is not the signed-in user (e.g. who may own an action).</summary>
public static class StaffAccounts
{
    /// <summary>The account claim naming a limited-access case its holder is named for (kept by the administrator, read into the sign-in cookie).</summary>
    public const string LimitedAccessClaim = "cc:lao";

    /// <summary>
    /// The account with this user name as the sign-in cookie would make it: roles and codes, and the limited-access cases it is
    /// named for. Not <see cref="StaffUser.PanelAgendaCrns"/>, which follow invitations: the caller adds them where they matter.
    /// Null when there is no such account.
    /// </summary>
    public static StaffUser? Find(ComplexCasesDbContext db, string userName)
    {
        var account = db.Users.AsNoTracking().SingleOrDefault(u => u.UserName == userName);
        if (account is null || StaffDirectory.ToStaffUser(account) is not { } user) return null;
        var named = db.UserClaims.AsNoTracking()
            .Where(c => c.UserId == account.Id && c.ClaimType == LimitedAccessClaim && c.ClaimValue != null)
            .Select(c => c.ClaimValue!).ToList();
        // A claim that is not a CRN in canonical form names nothing (the administrator's page stores only canonical ones).
        return user with { LimitedAccessCrns = named.Where(crn => Crn.TryParse(crn, out var parsed) && parsed.ToString() == crn).ToHashSet(StringComparer.Ordinal) };
    }
}
