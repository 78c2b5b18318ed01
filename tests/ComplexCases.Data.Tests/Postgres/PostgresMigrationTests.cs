using ComplexCases.Data.Postgres;
using ComplexCases.TestSupport.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ComplexCases.Data.Tests.Postgres;

/// <summary>The PostgreSQL migrations on an empty database of a real server, and what the schema refuses.</summary>
public sealed class PostgresMigrationTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>
{
    [Fact]
    public void Migrations_apply_to_an_empty_database_and_create_every_table_once()
    {
        using var db = database.Open();
        db.Database.GetPendingMigrations().ShouldBeEmpty();
        db.Database.GetAppliedMigrations().ShouldBe(db.Database.GetMigrations());

        var tables = db.Database.SqlQueryRaw<string>("SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public'").ToHashSet();
        foreach (var entity in db.Model.GetEntityTypes()) tables.ShouldContain(entity.GetTableName()!);

        // Applying them again (a second instance starting, or `migrate` run twice) changes nothing.
        Should.NotThrow(() => PostgresDatabase.Migrate(database.ConnectionString));
        db.Database.GetAppliedMigrations().Count().ShouldBe(db.Database.GetMigrations().Count());
    }

    [Fact]
    public void Text_columns_use_the_C_collation_though_the_database_sorts_in_English()
    {
        using var db = database.Open();
        var notC = db.Database.SqlQueryRaw<string>("""
            SELECT table_name || '.' || column_name AS "Value" FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name <> '__EFMigrationsHistory' AND data_type IN ('text', 'character varying') AND coalesce(collation_name, '') <> 'C'
            """).ToList();
        notC.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("UPDATE audit_events SET \"Actor\" = 'someone else'", "changed")]
    [InlineData("DELETE FROM audit_events", "deleted")]
    [InlineData("TRUNCATE audit_events", "deleted")]
    public void The_audit_log_is_append_only_in_the_database(string sql, string refusal)
    {
        using (var db = database.Open())
        {
            if (!db.AuditEvents.Any()) db.AuditEvents.Add(RoundTripData.AuditChain(1)[0]);
            db.SaveChanges();
        }
        var error = Should.Throw<PostgresException>(() => database.Execute(sql));
        error.MessageText.ShouldBe($"audit_events is append-only: entries cannot be {refusal}");
    }
}
