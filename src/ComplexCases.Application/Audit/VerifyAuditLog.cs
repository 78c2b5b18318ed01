using ComplexCases.Application.Storage;
using ComplexCases.Data.Providers;
using ComplexCases.Domain.Audit;

namespace ComplexCases.Application.Audit;

/// <summary><c>complexcases audit verify</c>: check the whole hash chain of a database's audit log.</summary>
public static class VerifyAuditLog
{
    /// <param name="database">A database file or connection string for the provider; null means the default database.</param>
    public static UseCaseResult<AuditChainResult> Run(IStoreProvider provider, string? database, CancellationToken cancellationToken = default)
    {
        var target = ExistingDatabase.Resolve(provider, database);
        if (!target.Succeeded) return target.ErrorAs<AuditChainResult>();
        using var db = target.Value.Open();
        return UseCaseResult<AuditChainResult>.Ok(AuditLog.Verify(db, cancellationToken));
    }
}

/// <summary><c>complexcases audit list</c>: search a database's audit log.</summary>
public static class SearchAuditLog
{
    public static UseCaseResult<AuditPage> Run(IStoreProvider provider, string? database, AuditQuery query)
    {
        var target = ExistingDatabase.Resolve(provider, database);
        if (!target.Succeeded) return target.ErrorAs<AuditPage>();
        using var db = target.Value.Open();
        return UseCaseResult<AuditPage>.Ok(AuditSearch.Find(db, query));
    }
}
