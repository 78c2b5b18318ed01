using ComplexCases.Data;
using ComplexCases.Data.Postgres;
using ComplexCases.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Data.Tests;

/// <summary>
/// Each provider's migrations describe the model as it is: a change to the shared context without a migration for
/// both providers fails here, not on a deployment.
/// </summary>
public sealed class MigrationsMatchModelTests
{
    [Fact]
    public void Sqlite_migrations_match_the_model()
    {
        using var db = new ComplexCasesDbContext(SqliteDatabase.Options("Data Source=:memory:"));
        db.Database.HasPendingModelChanges().ShouldBeFalse("add a migration: dotnet ef migrations add NAME --project src/ComplexCases.Data.Sqlite --startup-project src/ComplexCases.Data.Sqlite");
    }

    [Fact]
    public void Postgres_migrations_match_the_model()
    {
        using var db = new ComplexCasesDbContext(PostgresDatabase.Options("Host=localhost;Database=unused"));
        db.Database.HasPendingModelChanges().ShouldBeFalse("add a migration: dotnet ef migrations add NAME --project src/ComplexCases.Data.Postgres --startup-project src/ComplexCases.Data.Postgres");
    }

    [Fact]
    public void Both_providers_have_the_same_tables_and_columns()
    {
        using var sqlite = new ComplexCasesDbContext(SqliteDatabase.Options("Data Source=:memory:"));
        using var postgres = new ComplexCasesDbContext(PostgresDatabase.Options("Host=localhost;Database=unused"));
        Columns(postgres).ShouldBe(Columns(sqlite));
    }

    private static List<string> Columns(ComplexCasesDbContext db) =>
        [.. db.Model.GetEntityTypes()
            .SelectMany(e => e.GetProperties().Select(p => $"{e.GetTableName()}.{p.GetColumnName()} {(p.IsNullable ? "null" : "not null")} {p.GetMaxLength()}"))
            .Order(StringComparer.Ordinal)];
}
