using System.Data.Common;
using ComplexCases.Data.Screening;
using ComplexCases.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Data.Providers;

/// <summary>
/// Writes a run's person results (every person in a national caseload, 240,000 rows) in the caller's open transaction.
/// EF, or ADO.NET parameter objects, would take seconds; a provider uses its engine's fastest path (SQLite: one prepared
/// statement bound natively; PostgreSQL: binary COPY).
/// </summary>
public interface IPersonResultBulkWriter
{
    void Write(DbContext db, int runId, IReadOnlyList<PersonResultRow> rows, IProgress<int>? progress = null, CancellationToken cancellationToken = default);
}

/// <summary>
/// Reads person results back as the writer stored them: comparing and evaluating definitions reads every person of many
/// national runs, and a replaced run's people are read for its erasure entry.
/// </summary>
public interface IPersonResultReader
{
    /// <summary>A run's results, ordered by CRN, on a connection of the reader's own (months are read in parallel).</summary>
    StoredPersonResults Read(DbConnection connection, int runId, CancellationToken cancellationToken = default);

    /// <summary>The CRNs a run holds, in the context's transaction (any not well formed are left out).</summary>
    List<Crn> Crns(DbContext db, int runId);
}

/// <summary>A run's person results as parallel arrays, ordered by CRN; PDU codes as indexes into <see cref="Pdus"/>.</summary>
public sealed record StoredPersonResults(Crn[] Crns, byte[] MetMasks, byte[] UnknownMasks, byte[] Statuses, short[] Scores, int[] PduIndexes, string[] Pdus)
{
    public int Count => Crns.Length;
}
