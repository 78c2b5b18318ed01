using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using SQLitePCL;

namespace ComplexCases.Data.Sqlite;

/// <summary>
/// Inserts entities through one prepared SQLite statement, reading table, columns and value conversions from
/// the EF model (so the mapping has one source of truth) but skipping EF's per-entity change tracking, which
/// costs ~0.1 ms a row: thousands of listed cases or rejected rows in a run would otherwise take seconds.
/// Runs inside the caller's open transaction on the context's connection.
/// </summary>
public static class SqliteBulkInsert
{
    public static void Insert<TEntity>(DbContext db, IReadOnlyCollection<TEntity> entities, CancellationToken cancellationToken = default)
        where TEntity : class
    {
        if (entities.Count == 0) return;
        var entityType = db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        // Database-generated keys (autoincrement ids) are left to SQLite.
        var properties = entityType.GetProperties()
            .Where(p => !(p.ValueGenerated == ValueGenerated.OnAdd && p.IsPrimaryKey()))
            .Select(p => (Column: p.GetColumnName(table)!, Getter: p.GetGetter(), Converter: p.GetTypeMapping().Converter))
            .ToArray();
        var sql = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", properties.Select(p => $"\"{p.Column}\""))}) " +
                  $"VALUES ({string.Join(", ", properties.Select(_ => "?"))})";

        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var handle = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(handle, raw.sqlite3_prepare_v2(handle, sql, out var statement));
        using (statement)
        {
            var count = 0;
            foreach (var entity in entities)
            {
                for (var i = 0; i < properties.Length; i++)
                {
                    var (_, getter, converter) = properties[i];
                    var value = getter.GetClrValueUsingContainingEntity(entity);
                    if (value is not null && converter is not null) value = converter.ConvertToProvider(value);
                    Bind(statement, i + 1, value);
                }
                var rc = raw.sqlite3_step(statement);
                if (rc != raw.SQLITE_DONE) Check(handle, rc);
                raw.sqlite3_reset(statement);
                if ((++count & 0xFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    private static void Bind(sqlite3_stmt statement, int index, object? value)
    {
        switch (value)
        {
            case null: raw.sqlite3_bind_null(statement, index); break;
            case string s: raw.sqlite3_bind_text(statement, index, s); break;
            case int i: raw.sqlite3_bind_int(statement, index, i); break;
            case long l: raw.sqlite3_bind_int64(statement, index, l); break;
            case short s: raw.sqlite3_bind_int(statement, index, s); break;
            case byte b: raw.sqlite3_bind_int(statement, index, b); break;
            case bool b: raw.sqlite3_bind_int(statement, index, b ? 1 : 0); break;
            case double d: raw.sqlite3_bind_double(statement, index, d); break;
            default: throw new NotSupportedException($"No SQLite binding for {value.GetType().Name}; map it with a value converter.");
        }
    }

    internal static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK) throw new SqliteException($"SQLite error {rc}: {raw.sqlite3_errmsg(db).utf8_to_string()}", rc);
    }
}
