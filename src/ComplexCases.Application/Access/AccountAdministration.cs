using System.Security.Claims;
using ComplexCases.Application.Audit;
using ComplexCases.Data;
using ComplexCases.Data.Accounts;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.People;
using Microsoft.AspNetCore.Identity;

namespace ComplexCases.Application.Access;

/// <summary>
/// Adds or changes a staff account for an administrator: the account, its limited-access claims, its security stamp (so the
/// person's sessions pick the change up) and the audit entry, all in one transaction. A failure at any step (a refused
/// password, a clash, a crash) leaves nothing half-saved: no account without its audit entry, no claims without the account.
/// </summary>
/// <remarks>
/// The form's own checks (fields present, codes the roles need) are the page's; this holds the rules about the change itself:
/// an administrator cannot widen or lock their own access, and a save from an out-of-date form is a conflict.
/// </remarks>
public sealed class AccountAdministration(UserManager<StaffAccount> users, ComplexCasesDbContext db, AuditLog audit, TimeProvider clock)
{
    public const string Purpose = "staff account administration";

    /// <summary>The account's limited-access cases (the CRNs it is named for).</summary>
    public async Task<HashSet<string>> LimitedAccessOfAsync(StaffAccount account) =>
        (await users.GetClaimsAsync(account)).Where(c => c.Type == StaffAccounts.LimitedAccessClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>Why the administrator may not make this change to their own account (none for another's, or a new one).</summary>
    public async Task<IReadOnlyList<(string Field, string Message)>> RefusalsAsync(StaffUser admin, StaffAccount? account, AccountChange change) =>
        account is null || account.UserName != admin.Id ? [] : RefuseSelfGrant(account, change, await LimitedAccessOfAsync(account));

    /// <summary>Saves <paramref name="change"/> to <paramref name="account"/> (null: a new account), or says why not.</summary>
    public async Task<AccountSaveResult> SaveAsync(StaffUser admin, StaffAccount? account, AccountChange change)
    {
        var isNew = account is null;
        var before = account is null ? new HashSet<string>(StringComparer.Ordinal) : await LimitedAccessOfAsync(account);
        if (account is not null && account.UserName == admin.Id && RefuseSelfGrant(account, change, before) is { Count: > 0 } refused)
            return AccountSaveResult.Invalid(refused);
        if (account is not null && change.ConcurrencyStamp != account.ConcurrencyStamp) return AccountSaveResult.Conflict(account);

        var was = account is null ? null : Describe(account);
        await using var transaction = await db.Database.BeginTransactionAsync();
        IdentityResult result;
        if (account is null)
        {
            account = new StaffAccount { UserName = change.UserName, DisplayName = "", Roles = "" };
            change.ApplyTo(account);
            // No password: the person signs in through the organisation's identity provider (OpenID Connect).
            result = string.IsNullOrEmpty(change.Password) ? await users.CreateAsync(account) : await users.CreateAsync(account, change.Password);
        }
        else
        {
            change.ApplyTo(account);
            account.LockoutEnd = change.Locked ? DateTimeOffset.MaxValue : null;
            result = await users.UpdateAsync(account);
            if (!result.Succeeded && result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
                return AccountSaveResult.Conflict(account);
        }
        if (!result.Succeeded)
            return AccountSaveResult.Invalid([.. result.Errors.Select(e => (e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "userName", e.Description))]);

        await SetLimitedAccessAsync(account, before, change.LimitedAccessCrns);
        // Signed-in sessions of the account are checked against the stamp (every minute): a lock or a change of roles,
        // codes or limited-access cases ends them, and the person signs in again with what they now have.
        if (!isNew) await users.UpdateSecurityStampAsync(account);

        var details = new AuditDetails().Add("account", account.UserName!);
        foreach (var (field, value) in Describe(account))
        {
            // Before and after for what changed; everything for a new account.
            if (was is null) details.Add(field, value);
            else if (was[field] != value) details.Add(field + "Before", was[field]).Add(field, value);
        }
        var changed = before.Except(change.LimitedAccessCrns).Concat(change.LimitedAccessCrns.Except(before));
        audit.Append(db, new AuditEntryRequest(admin.Id, AuditAction.Alteration, isNew ? AuditEventTypes.AccountCreated : AuditEventTypes.AccountChanged, Purpose)
        {
            Subjects = AuditSubjects.Of(changed.Select(c => Crn.TryParse(c, out var crn) ? crn : (Crn?)null).OfType<Crn>().ToArray()),
            Details = details.ToString(),
        });
        await transaction.CommitAsync();
        return AccountSaveResult.Saved(account);
    }

    /// <summary>
    /// Segregation of duties: an administrator cannot widen or lock their own access (administrators reach no case
    /// unless another administrator grants them a second role).
    /// </summary>
    private static List<(string Field, string Message)> RefuseSelfGrant(StaffAccount account, AccountChange change, HashSet<string> before)
    {
        var errors = new List<(string, string)>();
        if (change.Roles != account.Roles || change.StaffCode != account.StaffCode || change.TeamCodes != account.TeamCodes
            || change.PduCode != account.PduCode || change.RegionCode != account.RegionCode || !before.SetEquals(change.LimitedAccessCrns))
            errors.Add(("roles", "You cannot change your own roles, codes or limited-access cases: ask another administrator"));
        if (change.Locked) errors.Add(("locked", "You cannot lock your own account"));
        return errors;
    }

    /// <summary>What the audit entry records of an account, field by field.</summary>
    private Dictionary<string, string> Describe(StaffAccount account) => new(StringComparer.Ordinal)
    {
        ["displayName"] = account.DisplayName,
        ["email"] = account.Email ?? "",
        ["roles"] = account.Roles,
        ["staffCode"] = account.StaffCode ?? "",
        ["teamCodes"] = account.TeamCodes ?? "",
        ["pduCode"] = account.PduCode ?? "",
        ["regionCode"] = account.RegionCode ?? "",
        ["locked"] = account.LockoutEnd is { } end && end > clock.GetUtcNow() ? "yes" : "no",
    };

    private async Task SetLimitedAccessAsync(StaffAccount account, HashSet<string> before, IReadOnlySet<string> after)
    {
        var removed = before.Except(after).Select(crn => new Claim(StaffAccounts.LimitedAccessClaim, crn)).ToList();
        var added = after.Except(before).Select(crn => new Claim(StaffAccounts.LimitedAccessClaim, crn)).ToList();
        if (removed.Count > 0) ThrowIfFailed(await users.RemoveClaimsAsync(account, removed));
        if (added.Count > 0) ThrowIfFailed(await users.AddClaimsAsync(account, added));
    }

    // A claim that does not save is not a form error: the transaction rolls back and the page shows the failure.
    private static void ThrowIfFailed(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException("The account's limited-access cases could not be saved: " + string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
