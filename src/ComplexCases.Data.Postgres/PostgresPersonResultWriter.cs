using ComplexCases.Data.Providers;
using ComplexCases.Data.Screening;
using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;

namespace ComplexCases.Data.Postgres;

/// <summary>
/// Writes a run's person results with binary COPY, in the caller's open transaction (a PostgreSQL transaction belongs to
/// the connection, so COPY joins it): one round trip streams all 240,000 rows, where INSERTs would take one each.
/// </summary>
internal sealed class PostgresPersonResultWriter : IPersonResultBulkWriter
{
    public void Write(DbContext db, int runId, IReadOnlyList<PersonResultRow> rows, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        db.Database.OpenConnection();
        try
        {
            using var importer = PostgresConnections.Connection(db).BeginBinaryImport(
                $"COPY {PersonResult.Table} (run_id, crn, pdu_code, met_mask, unknown_mask, score, status) FROM STDIN (FORMAT BINARY)");
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                importer.StartRow();
                importer.Write(runId, NpgsqlDbType.Integer);
                importer.Write(row.Crn.ToString(), NpgsqlDbType.Varchar);
                importer.Write(row.PduCode, NpgsqlDbType.Varchar);
                importer.Write((short)row.MetMask, NpgsqlDbType.Smallint);
                importer.Write((short)row.UnknownMask, NpgsqlDbType.Smallint);
                importer.Write(row.Score, NpgsqlDbType.Smallint);
                importer.Write((short)row.Status, NpgsqlDbType.Smallint);
                if ((i & 0x3FFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Report(i);
                }
            }
            importer.Complete();
        }
        finally
        {
            db.Database.CloseConnection();
        }
        progress?.Report(rows.Count);
    }
}
