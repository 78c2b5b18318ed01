using ComplexCases.Data.Providers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using SQLitePCL;

namespace ComplexCases.Data.Sqlite;

/// <summary>
/// Inserts entities through one prepared SQLite statement bound natively, reading table, columns and value conversions
/// from the EF model but skipping EF's per-entity change tracking (see <see cref="IBulkInserter"/>).
/// </summary>
internal sealed class SqliteBulkInserter : IBulkInserter
{
    public void Insert<TEntity>(DbContext db, IEnumerable<TEntity> entities, Utf8Column<TEntity>? utf8 = null, CancellationToken cancellationToken = default)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entities);
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

        var handle = SqliteNative.Handle(db.Database.GetDbConnection());
        SqliteNative.Check(handle, raw.sqlite3_prepare_v2(handle, sql, out var statement));
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
                if (rc != raw.SQLITE_DONE) SqliteNative.Check(handle, rc);
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
}
