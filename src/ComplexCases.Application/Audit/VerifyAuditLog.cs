using ComplexCases.Application.Storage;
using ComplexCases.Domain.Audit;
using Microsoft.Data.Sqlite;

namespace ComplexCases.Application.Audit;

/// <summary><c>complexcases audit verify</c>: check the whole hash chain of a database's audit log.</summary>
public static class VerifyAuditLog
{
    /// <param name="database">SQLite file or connection string; null means the embedded default database.</param>
    public static UseCaseResult<AuditChainResult> Run(string? database, CancellationToken cancellationToken = default)
    {
        var target = ExistingDatabase.Resolve(database);
        if (!target.Succeeded) return target.ErrorAs<AuditChainResult>();
        using var db = target.Value.Open();
        return UseCaseResult<AuditChainResult>.Ok(AuditLog.Verify(db, cancellationToken));
    }
}

/// <summary><c>complexcases audit list</c>: search a database's audit log.</summary>
public static class SearchAuditLog
{
    public static UseCaseResult<AuditPage> Run(string? database, AuditQuery query)
    {
        var target = ExistingDatabase.Resolve(database);
        if (!target.Succeeded) return target.ErrorAs<AuditPage>();
        using var db = target.Value.Open();
        return UseCaseResult<AuditPage>.Ok(AuditSearch.Find(db, query));
    }
}

/// <summary>Checking a log must not create an empty database where the user mistyped a path.</summary>
internal static class ExistingDatabase
{
    public static UseCaseResult<DatabaseTarget> Resolve(string? database)
    {
        var target = DatabaseTarget.Resolve(database);
        if (!target.Succeeded) return target;
        var file = new SqliteConnectionStringBuilder(target.Value.ConnectionString).DataSource;
        if (!string.IsNullOrEmpty(file) && file != ":memory:" && !File.Exists(file))
            return UseCaseResult<DatabaseTarget>.Invalid($"--db: no database at {file}");
        return target;
    }
}
