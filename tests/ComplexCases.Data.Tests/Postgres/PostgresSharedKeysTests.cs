using ComplexCases.Data.Postgres;
using ComplexCases.TestSupport.Data;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Data.Tests.Postgres;

public sealed class PostgresSharedKeysTests : SharedKeysTests, IClassFixture<PostgresTestDatabase>
{
    private readonly PostgresTestDatabase _database;

    public PostgresSharedKeysTests(PostgresTestDatabase database)
    {
        _database = database;
        _database.Open().Dispose();
    }

    protected override void Configure(DbContextOptionsBuilder options) => PostgresDatabase.Configure(options, _database.ConnectionString);
}
