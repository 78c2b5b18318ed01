using ComplexCases.Data.Providers;
using ComplexCases.Data.Screening;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Data.Postgres;

/// <summary>
/// Writes a run's person results with binary COPY, in the caller's open transaction (a PostgreSQL transaction belongs to
/// the connection, so COPY joins it): one round trip streams all 240,000 rows, where INSERTs would take one each. The
/// rows' bytes are made here (<see cref="BinaryCopyWriter"/>), not value by value through Npgsql's importer.
/// </summary>
internal sealed class PostgresPersonResultWriter : IPersonResultBulkWriter
{
    private const short Columns = 7;

    public void Write(DbContext db, int runId, IReadOnlyList<PersonResultRow> rows, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        db.Database.OpenConnection();
        try
        {
            using var copy = BinaryCopyWriter.Begin(PostgresConnections.Connection(db),
                $"COPY {PersonResult.Table} (run_id, crn, pdu_code, met_mask, unknown_mask, score, status) FROM STDIN (FORMAT BINARY)");
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                copy.StartRow(Columns);
                copy.Int32(runId);
                row.Crn.FormatUtf8(copy.Field(7));
                copy.Text(row.PduCode);
                copy.Int16(row.MetMask);
                copy.Int16(row.UnknownMask);
                copy.Int16(row.Score);
                copy.Int16(row.Status);
                if ((i & 0x3FFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Report(i);
                }
            }
            copy.Complete();
        }
        finally
        {
            db.Database.CloseConnection();
        }
        progress?.Report(rows.Count);
    }
}
