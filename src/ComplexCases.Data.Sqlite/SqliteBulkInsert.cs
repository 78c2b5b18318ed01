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
        Insert(db, entities, utf8: null, cancellationToken);
    }

    /// <summary>
    /// Inserts the entities as they are enumerated, each bound and stepped before the next is asked for: a lazy
    /// sequence keeps one at a time in memory.
    /// </summary>
    /// <param name="utf8">
    /// A text column whose value is bound as UTF-8 bytes from <see cref="Utf8Column{TEntity}.Value"/> instead of the
    /// entity's (string) property: large generated text (evidence JSON) is never made into a string.
    /// </param>
    public static void Insert<TEntity>(DbContext db, IEnumerable<TEntity> entities, Utf8Column<TEntity>? utf8, CancellationToken cancellationToken = default)
        where TEntity : class
    {
        var entityType = db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        // Database-generated keys (autoincrement ids) are left to SQLite.
        var properties = entityType.GetProperties()
            .Where(p => !(p.ValueGenerated == ValueGenerated.OnAdd && p.IsPrimaryKey()))
            .Select(p => (Column: p.GetColumnName(table)!, Getter: p.GetGetter(), Converter: p.GetTypeMapping().Converter, Name: p.Name))
            .ToArray();
        var utf8Index = utf8 is null ? -1 : Array.FindIndex(properties, p => p.Name == utf8.Property);
        if (utf8 is not null && utf8Index < 0) throw new ArgumentException($"{typeof(TEntity).Name} has no mapped property {utf8.Property}.", nameof(utf8));
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
                    if (i == utf8Index)
                    {
                        raw.sqlite3_bind_text(statement, i + 1, utf8!.Value(entity));
                        continue;
                    }
                    var (_, getter, converter, _) = properties[i];
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

/// <summary>Gives a text column's value as UTF-8 bytes, valid until the next entity is asked for.</summary>
public delegate ReadOnlySpan<byte> Utf8Value<in TEntity>(TEntity entity);

/// <summary>A mapped string property of <typeparamref name="TEntity"/> bound from UTF-8 bytes (see <see cref="SqliteBulkInsert"/>).</summary>
public sealed record Utf8Column<TEntity>(string Property, Utf8Value<TEntity> Value);
