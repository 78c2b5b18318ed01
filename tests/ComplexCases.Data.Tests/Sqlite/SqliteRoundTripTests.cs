using ComplexCases.TestSupport.Data;

namespace ComplexCases.Data.Tests.Sqlite;

public sealed class SqliteRoundTripTests : RoundTripTests, IDisposable
{
    private readonly TestDatabase _database = new();

    protected override ComplexCasesDbContext Open() => _database.Open();

    public void Dispose() => _database.Dispose();
}
