using ComplexCases.Data.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace ComplexCases.Data.Postgres;

/// <summary>
/// Inserts entities with binary COPY, reading table, columns, store types and value conversions from the EF model but
/// skipping EF's per-entity change tracking (see <see cref="IBulkInserter"/>). Runs in the connection's transaction.
/// </summary>
internal sealed class PostgresBulkInserter : IBulkInserter
{
    public void Insert<TEntity>(DbContext db, IEnumerable<TEntity> entities, Utf8Column<TEntity>? utf8 = null, CancellationToken cancellationToken = default)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entities);
        var entityType = db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        // Database-generated keys (identity columns) are left to PostgreSQL.
        var properties = entityType.GetProperties()
            .Where(p => !(p.ValueGenerated == ValueGenerated.OnAdd && p.IsPrimaryKey()))
            .Select(p => (Column: p.GetColumnName(table)!, Type: BaseType(p.GetColumnType()), Getter: p.GetGetter(), Converter: p.GetTypeMapping().Converter, p.Name))
            .ToArray();
        var utf8Index = utf8 is null ? -1 : Array.FindIndex(properties, p => p.Name == utf8.Property);
        if (utf8 is not null && utf8Index < 0) throw new ArgumentException($"{typeof(TEntity).Name} has no mapped property {utf8.Property}.", nameof(utf8));
        var target = table.Schema is null ? $"\"{table.Name}\"" : $"\"{table.Schema}\".\"{table.Name}\"";
        var sql = $"COPY {target} ({string.Join(", ", properties.Select(p => $"\"{p.Column}\""))}) FROM STDIN (FORMAT BINARY)";

        db.Database.OpenConnection();
        try
        {
            using var importer = PostgresConnections.Connection(db).BeginBinaryImport(sql);
            var count = 0;
            foreach (var entity in entities)
            {
                importer.StartRow();
                for (var i = 0; i < properties.Length; i++)
                {
                    var (_, type, getter, converter, _) = properties[i];
                    if (i == utf8Index)
                    {
                        importer.Write(System.Text.Encoding.UTF8.GetString(utf8!.Value(entity)), type);
                        continue;
                    }
                    var value = getter.GetClrValueUsingContainingEntity(entity);
                    if (value is not null && converter is not null) value = converter.ConvertToProvider(value);
                    Write(importer, value, type);
                }
                if ((++count & 0xFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            }
            importer.Complete();
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }

    /// <summary>"character varying(64)" → "character varying": COPY checks the type, the length is the column's to check.</summary>
    private static string BaseType(string? columnType)
    {
        ArgumentNullException.ThrowIfNull(columnType);
        var parenthesis = columnType.IndexOf('(', StringComparison.Ordinal);
        return parenthesis < 0 ? columnType : columnType[..parenthesis].TrimEnd();
    }

    private static void Write(NpgsqlBinaryImporter importer, object? value, string type)
    {
        switch (value)
        {
            case null: importer.WriteNull(); break;
            case string s: importer.Write(s, type); break;
            case int i: importer.Write(i, type); break;
            case long l: importer.Write(l, type); break;
            case short s: importer.Write(s, type); break;
            // EF maps byte to smallint (PostgreSQL has no one-byte integer).
            case byte b: importer.Write((short)b, type); break;
            case bool b: importer.Write(b, type); break;
            case double d: importer.Write(d, type); break;
            case decimal d: importer.Write(d, type); break;
            case DateTime t: importer.Write(t, type); break;
            case DateTimeOffset t: importer.Write(t, type); break;
            case DateOnly d: importer.Write(d, type); break;
            case Guid g: importer.Write(g, type); break;
            case byte[] bytes: importer.Write(bytes, type); break;
            default: throw new NotSupportedException($"No PostgreSQL COPY for {value.GetType().Name}; map it with a value converter.");
        }
    }
}
