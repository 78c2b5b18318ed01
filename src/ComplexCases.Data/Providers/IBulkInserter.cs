using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Data.Providers;

/// <summary>
/// Inserts many entities of a mapped type without EF's change tracking (~0.1 ms a row): thousands of listed cases or
/// rejected rows in a run would otherwise take seconds. Table, columns and conversions come from the EF model, so the
/// mapping has one source of truth. Runs in the caller's open transaction on the context's connection.
/// </summary>
public interface IBulkInserter
{
    /// <summary>
    /// Inserts the entities as they are enumerated, each written before the next is asked for: a lazy sequence keeps
    /// one at a time in memory.
    /// </summary>
    /// <param name="utf8">
    /// A text column written from <see cref="Utf8Column{TEntity}.Value"/>'s UTF-8 bytes instead of the entity's
    /// (string) property: large generated text (evidence JSON) is never made into a string.
    /// </param>
    void Insert<TEntity>(DbContext db, IEnumerable<TEntity> entities, Utf8Column<TEntity>? utf8 = null, CancellationToken cancellationToken = default)
        where TEntity : class;
}

/// <summary>Gives a text column's value as UTF-8 bytes, valid until the next entity is asked for.</summary>
public delegate ReadOnlySpan<byte> Utf8Value<in TEntity>(TEntity entity);

/// <summary>A mapped string property of <typeparamref name="TEntity"/> written from UTF-8 bytes (see <see cref="IBulkInserter"/>).</summary>
public sealed record Utf8Column<TEntity>(string Property, Utf8Value<TEntity> Value);
