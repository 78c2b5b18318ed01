using System.Data.Common;
using ComplexCases.Data.Providers;
using ComplexCases.Data.Screening;
using ComplexCases.Domain.People;
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
        var db = SqliteNative.Handle(connection);
        SqliteNative.Check(db, raw.sqlite3_prepare_v2(db,
            $"SELECT crn, pdu_code, met_mask, unknown_mask, status, score FROM {PersonResult.Table} WHERE run_id = ? ORDER BY crn", out var statement));
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
                var bytes = raw.sqlite3_column_blob(statement, 0);
                if (bytes.Length != 7) throw new InvalidDataException($"run {runId} holds a CRN that is not seven characters");
                for (var i = 0; i < 7; i++) text[i] = (char)bytes[i];
                if (!Crn.TryParse(text, out var crn)) throw new InvalidDataException($"run {runId} holds a malformed CRN");
                // Codes are a few hundred short strings: look each up without making a string per row.
                var length = System.Text.Encoding.UTF8.GetChars(raw.sqlite3_column_blob(statement, 1), pduText);
                if (!pduLookup.TryGetValue(pduText.AsSpan(0, length), out var pduIndexOfRow))
                {
                    pduIndexOfRow = pdus.Count;
                    var code = pduText.AsSpan(0, length).ToString();
                    pdus.Add(code);
                    pduIndex[code] = pduIndexOfRow;
                }
                crns.Add(crn);
                pduIndexes.Add(pduIndexOfRow);
                met.Add((byte)raw.sqlite3_column_int(statement, 2));
                unknown.Add((byte)raw.sqlite3_column_int(statement, 3));
                status.Add((byte)raw.sqlite3_column_int(statement, 4));
                scores.Add((short)raw.sqlite3_column_int(statement, 5));
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
