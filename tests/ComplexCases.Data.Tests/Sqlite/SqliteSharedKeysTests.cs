using ComplexCases.Data.Sqlite;
using ComplexCases.TestSupport.Data;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Data.Tests.Sqlite;

public sealed class SqliteSharedKeysTests : SharedKeysTests, IDisposable
{
    private readonly TestDatabase _database = new();

    public SqliteSharedKeysTests() => _database.Open().Dispose();

    protected override void Configure(DbContextOptionsBuilder options) => SqliteDatabase.Configure(options, _database.ConnectionString);

    public void Dispose() => _database.Dispose();
}
