using ComplexCases.TestSupport.Data;

namespace ComplexCases.Data.Tests.Postgres;

/// <summary>The round trips on a real PostgreSQL server, one database for the class (each test uses rows of its own).</summary>
public sealed class PostgresRoundTripTests(PostgresTestDatabase database) : RoundTripTests, IClassFixture<PostgresTestDatabase>
{
    protected override ComplexCasesDbContext Open() => database.Open();
}
