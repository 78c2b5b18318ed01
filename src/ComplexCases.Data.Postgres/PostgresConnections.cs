using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace ComplexCases.Data.Postgres;

/// <summary>The context's own Npgsql connection and transaction, for the store operations that bypass EF.</summary>
internal static class PostgresConnections
{
    public static NpgsqlConnection Connection(DbContext db) =>
        db.Database.GetDbConnection() as NpgsqlConnection
        ?? throw new InvalidOperationException("The context is not configured for PostgreSQL (see PostgresDatabase.Configure).");

    public static NpgsqlCommand Command(DbContext db, string sql) =>
        new(sql, Connection(db), db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction);
}
