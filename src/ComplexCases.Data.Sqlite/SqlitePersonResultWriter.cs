using System.Text;
using ComplexCases.Data.Providers;
using ComplexCases.Data.Screening;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace ComplexCases.Data.Sqlite;

/// <summary>
/// Inserts a run's person results — every person in a national caseload — through one prepared SQLite
/// statement bound natively, inside the caller's open transaction. EF (or ADO.NET parameter objects)
/// would take seconds for 240,000 rows; this takes a fraction of one.
/// </summary>
internal sealed class SqlitePersonResultWriter : IPersonResultBulkWriter
{
    public void Write(DbContext context, int runId, IReadOnlyList<PersonResultRow> rows,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(rows);
        var db = SqliteNative.Handle(context.Database.GetDbConnection());
        SqliteNative.Check(db, raw.sqlite3_prepare_v2(db,
            $"INSERT INTO {PersonResult.Table} (run_id, crn, pdu_code, met_mask, unknown_mask, score, status) VALUES (?,?,?,?,?,?,?)",
            out var statement));
        using (statement)
        {
            // PDU codes are a few hundred interned strings: encode each once, not once per person.
            var pduBytes = new Dictionary<string, byte[]>(ReferenceEqualityComparer.Instance);
            Span<byte> crn = stackalloc byte[7];
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                if (!pduBytes.TryGetValue(row.PduCode, out var pdu)) pduBytes[row.PduCode] = pdu = Encoding.UTF8.GetBytes(row.PduCode);
                row.Crn.FormatUtf8(crn);
                raw.sqlite3_bind_int(statement, 1, runId);
                raw.sqlite3_bind_text(statement, 2, crn);
                raw.sqlite3_bind_text(statement, 3, pdu);
                raw.sqlite3_bind_int(statement, 4, row.MetMask);
                raw.sqlite3_bind_int(statement, 5, row.UnknownMask);
                raw.sqlite3_bind_int(statement, 6, row.Score);
                raw.sqlite3_bind_int(statement, 7, row.Status);
                var rc = raw.sqlite3_step(statement);
                if (rc != raw.SQLITE_DONE) SqliteNative.Check(db, rc);
                raw.sqlite3_reset(statement);
                if ((i & 0x3FFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Report(i);
                }
            }
        }
        progress?.Report(rows.Count);
    }
}
