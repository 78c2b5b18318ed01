using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ComplexCases.Application.Audit;
using ComplexCases.Data;
using ComplexCases.Data.Accounts;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.Workflow;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Access;

/// <summary>One of an account's API tokens as its lists show it (never the secret, which exists only when it is made).</summary>
public sealed record ApiTokenRow(Guid Id, string Name, string Hint, DateTimeOffset Created, DateTimeOffset Expires, DateTimeOffset? LastUsed,
    DateTimeOffset? Revoked, string? RevokedBy)
{
    /// <summary>"active", "expired" or "revoked" at <paramref name="now"/>.</summary>
    public string StateAt(DateTimeOffset now) => Revoked is not null ? "revoked" : Expires <= now ? "expired" : "active";
}

/// <summary>A token just made: the secret is shown once, then only its hash is kept.</summary>
public sealed record NewApiToken(ApiTokenRow Token, string Secret);

/// <summary>Why a presented token was refused.</summary>
public enum ApiTokenRefusal
{
    /// <summary>Not a token this service made (or one since deleted with its account).</summary>
    Unknown,
    Expired,
    Revoked,
    /// <summary>The account is locked (disabled by an administrator, or locked out).</summary>
    AccountLocked,
}

/// <summary>A presented token: its account (with the roles and codes it has now) and name, or why it is refused.</summary>
public sealed record ApiTokenCheck(StaffAccount? Account, string? TokenName, ApiTokenRefusal? Refusal)
{
    public bool Accepted => Refusal is null && Account is not null;
}

/// <summary>
/// Personal access tokens for scripts using the JSON API: an account makes, lists and revokes its own; an administrator lists
/// and revokes anyone's. A token is a high-entropy random secret with a recognisable prefix (<c>cct_</c>, so secret scanners
/// and people can tell what a leaked string is); only its SHA-256 is stored. A token has no access of its own: each call acts
/// with the account's current roles and scope, so a change of roles, a lock or a revocation takes effect at the next call.
/// </summary>
public sealed class ApiTokens(ComplexCasesDbContext db, AuditLog audit, TimeProvider clock)
{
    public const string Prefix = "cct_";
    public const int MaxDays = 90;
    public const int DefaultDays = 30;
    public const int MaxNameLength = 100;
    private const string Purpose = "API access for scripts";

    // Writing "last used" on every call would make each read a write: once a minute is enough to tell a live token.
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>Makes a token for <paramref name="user"/>'s own account, valid for <paramref name="days"/> days (1 to 90).</summary>
    public UseCaseResult<NewApiToken> Create(StaffUser user, string? name, string? days)
    {
        ArgumentNullException.ThrowIfNull(user);
        var errors = new List<FieldError>();
        name = name?.Trim();
        if (string.IsNullOrEmpty(name)) errors.Add(new FieldError("name", "Enter a name for the token, such as the script that will use it"));
        else if (name.Length > MaxNameLength) errors.Add(new FieldError("name", $"The name must be {MaxNameLength} characters or fewer"));
        var lifetime = DefaultDays;
        if (!string.IsNullOrWhiteSpace(days) && (!int.TryParse(days.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out lifetime) || lifetime is < 1 or > MaxDays))
            errors.Add(new FieldError("days", $"The token must last between 1 and {MaxDays} days"));
        var account = Account(user.Id);
        if (account is null) return UseCaseResult<NewApiToken>.NotFound("Your account was not found.");
        if (errors.Count == 0 && db.ApiTokens.Any(t => t.AccountId == account.Id && t.Name == name))
            errors.Add(new FieldError("name", $"You already have a token called '{name}' (revoked and expired tokens keep their names): choose another name"));
        if (errors.Count > 0) return UseCaseResult<NewApiToken>.Invalid(errors);

        var secret = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        var token = new ApiToken
        {
            Id = Guid.NewGuid(), AccountId = account.Id, Name = name!, SecretSha256 = Hash(secret), Hint = secret[..(Prefix.Length + 4)],
            CreatedTicks = now.UtcTicks, ExpiresTicks = now.AddDays(lifetime).UtcTicks,
        };
        using var transaction = db.Database.BeginTransaction();
        db.ApiTokens.Add(token);
        db.SaveChanges();
        audit.Append(db, new AuditEntryRequest(user.Id, AuditAction.Alteration, AuditEventTypes.TokenCreated, Purpose)
        {
            Details = Describe(account, token).Add("days", lifetime).ToString(),
        });
        transaction.Commit();
        return UseCaseResult<NewApiToken>.Ok(new NewApiToken(Row(token), secret));
    }

    /// <summary>The account's tokens, newest first (revoked and expired ones too, so the holder sees what happened to them).</summary>
    public IReadOnlyList<ApiTokenRow> ListFor(string userName) =>
        Account(userName) is { } account
            ? [.. db.ApiTokens.AsNoTracking().Where(t => t.AccountId == account.Id).OrderByDescending(t => t.CreatedTicks).AsEnumerable().Select(Row)]
            : [];

    /// <summary>
    /// Revokes one of <paramref name="userName"/>'s tokens: by its holder, or by an administrator (ManageUsers). Anyone else, or
    /// a token not the account's, is not found. Revoking a revoked token changes nothing and succeeds.
    /// </summary>
    public UseCaseResult<ApiTokenRow> Revoke(StaffUser actor, string userName, Guid tokenId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Id != userName && !actor.Has(Permission.ManageUsers)) return UseCaseResult<ApiTokenRow>.NotFound("No such token.");
        var account = Account(userName);
        var token = account is null ? null : db.ApiTokens.SingleOrDefault(t => t.Id == tokenId && t.AccountId == account.Id);
        if (account is null || token is null) return UseCaseResult<ApiTokenRow>.NotFound("No such token.");
        if (token.RevokedTicks is not null) return UseCaseResult<ApiTokenRow>.Ok(Row(token));

        using var transaction = db.Database.BeginTransaction();
        token.RevokedTicks = clock.GetUtcNow().UtcTicks;
        token.RevokedBy = actor.Id;
        db.SaveChanges();
        audit.Append(db, new AuditEntryRequest(actor.Id, AuditAction.Alteration, AuditEventTypes.TokenRevoked, Purpose)
        {
            Details = Describe(account, token).ToString(),
        });
        transaction.Commit();
        return UseCaseResult<ApiTokenRow>.Ok(Row(token));
    }

    /// <summary>
    /// The account a presented secret acts for, or why not. A refusal is audited (<c>token.refused</c>, an attempted consultation:
    /// actor the token's account when the token is known, else <c>anonymous</c>), with the path that was asked for.
    /// </summary>
    public ApiTokenCheck Check(string presented, string path)
    {
        ArgumentNullException.ThrowIfNull(presented);
        var hash = Hash(presented);
        var now = clock.GetUtcNow();
        var token = presented.StartsWith(Prefix, StringComparison.Ordinal) ? db.ApiTokens.AsNoTracking().SingleOrDefault(t => t.SecretSha256 == hash) : null;
        var account = token is null ? null : db.Users.AsNoTracking().SingleOrDefault(a => a.Id == token.AccountId);
        ApiTokenRefusal? refusal = token is null || account is null ? ApiTokenRefusal.Unknown
            : token.RevokedTicks is not null ? ApiTokenRefusal.Revoked
            : token.ExpiresTicks <= now.UtcTicks ? ApiTokenRefusal.Expired
            : account.LockoutEnd is { } lockedUntil && lockedUntil > now ? ApiTokenRefusal.AccountLocked
            : null;
        if (refusal is { } refused)
        {
            var details = account is not null && token is not null ? Describe(account, token) : new AuditDetails().Add("hint", Shown(presented));
            audit.Append(db, new AuditEntryRequest(account?.UserName ?? "anonymous", AuditAction.Consultation, AuditEventTypes.TokenRefused, Purpose)
            {
                Details = details.Add("reason", ReasonKey(refused)).Add("path", path.Length > 200 ? path[..200] : path).ToString(),
            });
            return new ApiTokenCheck(null, token?.Name, refused);
        }
        var staleBefore = (now - LastUsedResolution).UtcTicks;
        db.ApiTokens.Where(t => t.Id == token!.Id && (t.LastUsedTicks == null || t.LastUsedTicks < staleBefore))
            .ExecuteUpdate(s => s.SetProperty(t => t.LastUsedTicks, now.UtcTicks));
        return new ApiTokenCheck(account, token!.Name, null);
    }

    /// <summary>The words for a refusal, as the audit entry and the 401's detail give it.</summary>
    public static string ReasonKey(ApiTokenRefusal refusal) => refusal switch
    {
        ApiTokenRefusal.Expired => "expired",
        ApiTokenRefusal.Revoked => "revoked",
        ApiTokenRefusal.AccountLocked => "account locked",
        _ => "unknown token",
    };

    private StaffAccount? Account(string userName) => db.Users.SingleOrDefault(a => a.UserName == userName);

    private static AuditDetails Describe(StaffAccount account, ApiToken token) =>
        new AuditDetails().Add("account", account.UserName ?? account.Id).Add("token", token.Name).Add("hint", token.Hint);

    /// <summary>The first characters of a presented string, never the whole: a mistyped secret is still nearly a secret.</summary>
    private static string Shown(string presented) => presented.Length <= Prefix.Length + 4 ? "" : presented[..(Prefix.Length + 4)];

    private static ApiTokenRow Row(ApiToken t) => new(t.Id, t.Name, t.Hint, Time(t.CreatedTicks), Time(t.ExpiresTicks),
        t.LastUsedTicks is { } used ? Time(used) : null, t.RevokedTicks is { } revoked ? Time(revoked) : null, t.RevokedBy);

    private static DateTimeOffset Time(long ticks) => new(ticks, TimeSpan.Zero);

    internal static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
