using System.Data.Common;
using ComplexCases.Data;
using ComplexCases.Data.Providers;
using ComplexCases.Data.Sqlite;
using ComplexCases.TestSupport.Data;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Tests.Providers;

/// <summary>The store operations on SQLite, against a real file of the test's own.</summary>
public sealed class SqliteStoreTests : StoreTests
{
    private readonly TestDatabase _database = new();

    protected override ComplexCasesDbContext Open() => _database.Open();

    protected override DbConnection OpenConnection() => SqliteProvider.Instance.OpenConnection(_database.ConnectionString);

    protected override void Dispose(bool disposing)
    {
        if (disposing) _database.Dispose();
    }

    [Fact]
    public void AContextWithoutAComplexCasesProvider_SaysWhatIsMissing()
    {
        var options = new DbContextOptionsBuilder<ComplexCasesDbContext>().UseSqlite(_database.ConnectionString).Options;
        using var db = new ComplexCasesDbContext(options);

        Should.Throw<InvalidOperationException>(() => db.AuditChain()).Message.ShouldContain(nameof(IAuditChainStore));
    }
}
