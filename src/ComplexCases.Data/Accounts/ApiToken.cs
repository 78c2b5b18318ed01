namespace ComplexCases.Data.Accounts;

/// <summary>
/// A personal access token for the JSON API. Only the SHA-256 of the secret is kept, so a copy of the database (a backup, a
/// dump) gives no one a usable token. The token carries no roles of its own: each call acts with its account's roles and
/// scope as they are at the time of the call. Times are UTC ticks (compared in SQL on both engines).
/// </summary>
public sealed class ApiToken
{
    public Guid Id { get; set; }
    /// <summary>The account (AspNetUsers.Id): the token is deleted with the account.</summary>
    public required string AccountId { get; set; }
    /// <summary>The holder's name for it ("monthly upload script"), unique per account.</summary>
    public required string Name { get; set; }
    /// <summary>Lower-case hex SHA-256 of the whole secret (<c>cct_…</c>).</summary>
    public required string SecretSha256 { get; set; }
    /// <summary>The secret's first characters (<c>cct_ab12</c>), shown in lists so a holder can tell which token a script uses.</summary>
    public required string Hint { get; set; }
    public long CreatedTicks { get; set; }
    public long ExpiresTicks { get; set; }
    public long? LastUsedTicks { get; set; }
    public long? RevokedTicks { get; set; }
    /// <summary>Who revoked it (the holder, or an administrator).</summary>
    public string? RevokedBy { get; set; }
}
