using System.Data.Common;
using ComplexCases.Data.Providers;
using ComplexCases.Data.Screening;
using ComplexCases.Domain.People;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace ComplexCases.Data.Sqlite;

/// <summary>
/// Reads a run's person results natively (as <see cref="SqlitePersonResultWriter"/> writes them): comparing and
/// evaluating definitions reads every person of many national runs, and through ADO.NET each run of 240,000 people
/// costs a few hundred milliseconds of string and boxing work.
/// </summary>
internal sealed class SqlitePersonResultReader : IPersonResultReader
{
    public StoredPersonResults Read(DbConnection connection, int runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        // Microsoft.Data.Sqlite opens connections serialized: every column read takes and releases the connection's
        // mutex, a tenth of reading a national month. This reader's statement is the only user of the connection it
        // opens for itself, so that one needs no mutex (a file only: an in-memory database is read on the given one).
        if (connection is SqliteConnection { DataSource: { Length: > 0 } file } && File.Exists(file)
            && raw.sqlite3_open_v2(file, out var own, raw.SQLITE_OPEN_READWRITE | raw.SQLITE_OPEN_NOMUTEX, null) == raw.SQLITE_OK)
        {
            using (own)
            {
                raw.sqlite3_busy_timeout(own, 30_000);
                return Read(own, runId, cancellationToken);
            }
        }
        return Read(SqliteNative.Handle(connection), runId, cancellationToken);
    }

    private static StoredPersonResults Read(sqlite3 db, int runId, CancellationToken cancellationToken)
    {
        // Two columns, not six: each column read is a P/Invoke that takes the connection's mutex and the statement's
        // SafeHandle, which cost more than SQLite's own work; packing the row in SQL roughly halves the read (docs/performance.md).
        SqliteNative.Check(db, raw.sqlite3_prepare_v2(db,
            $"SELECT crn || pdu_code, met_mask | (unknown_mask << 8) | (status << 16) | ((score & 65535) << 24) | (length(crn) << 40) FROM {PersonResult.Table} WHERE run_id = ? ORDER BY crn",
            out var statement));
        using (statement)
        {
            raw.sqlite3_bind_int(statement, 1, runId);
            var crns = new List<Crn>();
            var met = new List<byte>();
            var unknown = new List<byte>();
            var status = new List<byte>();
            var scores = new List<short>();
            var pduIndexes = new List<int>();
            var pdus = new List<string>();
            Span<char> text = stackalloc char[7];
            var pduText = new char[256];
            var pduIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            var pduLookup = pduIndex.GetAlternateLookup<ReadOnlySpan<char>>();
            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                var packed = raw.sqlite3_column_int64(statement, 1);
                var bytes = raw.sqlite3_column_blob(statement, 0);
                if (packed >> 40 != 7 || bytes.Length < 7) throw new InvalidDataException($"run {runId} holds a CRN that is not seven characters");
                for (var i = 0; i < 7; i++) text[i] = (char)bytes[i];
                if (!Crn.TryParse(text, out var crn)) throw new InvalidDataException($"run {runId} holds a malformed CRN");
                // Codes are a few hundred short strings: look each up without making a string per row.
                var length = System.Text.Encoding.UTF8.GetChars(bytes[7..], pduText);
                if (!pduLookup.TryGetValue(pduText.AsSpan(0, length), out var pduIndexOfRow))
                {
                    pduIndexOfRow = pdus.Count;
                    var code = pduText.AsSpan(0, length).ToString();
                    pdus.Add(code);
                    pduIndex[code] = pduIndexOfRow;
                }
                crns.Add(crn);
                pduIndexes.Add(pduIndexOfRow);
                met.Add((byte)packed);
                unknown.Add((byte)(packed >> 8));
                status.Add((byte)(packed >> 16));
                scores.Add((short)(packed >> 24));
                if ((crns.Count & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            }
            if (rc != raw.SQLITE_DONE) SqliteNative.Check(db, rc);
            return new StoredPersonResults([.. crns], [.. met], [.. unknown], [.. status], [.. scores], [.. pduIndexes], [.. pdus]);
        }
    }

    /// <remarks>Read natively, as the results are written: through ADO.NET, 240,000 CRN strings take ~75 ms.</remarks>
    public List<Crn> Crns(DbContext context, int runId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var handle = SqliteNative.Handle(context.Database.GetDbConnection());
        SqliteNative.Check(handle, raw.sqlite3_prepare_v2(handle, $"SELECT crn FROM {PersonResult.Table} WHERE run_id = ?", out var statement));
        using (statement)
        {
            raw.sqlite3_bind_int(statement, 1, runId);
            var crns = new List<Crn>();
            Span<char> text = stackalloc char[7];
            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                var bytes = raw.sqlite3_column_blob(statement, 0);
                if (bytes.Length != text.Length) continue;
                for (var i = 0; i < text.Length; i++) text[i] = (char)bytes[i];
                if (Crn.TryParse(text, out var crn)) crns.Add(crn);
            }
            if (rc != raw.SQLITE_DONE) SqliteNative.Check(handle, rc);
            return crns;
        }
    }
}
