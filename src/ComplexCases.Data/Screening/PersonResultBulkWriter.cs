using System.Data.Common;

namespace ComplexCases.Data.Screening;

/// <summary>
/// Inserts a run's person results with one prepared, re-bound command inside the caller's transaction:
/// EF change tracking would cost seconds for a national caseload. Plain ADO.NET, so any provider works.
/// </summary>
public static class PersonResultBulkWriter
{
    public const string Table = "person_results";

    // Several rows per statement: fewer round trips through the provider for the same parameter count.
    private const int RowsPerStatement = 50;

    public static void Insert(DbConnection connection, DbTransaction transaction, int runId,
        IReadOnlyList<PersonResultRow> rows, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        using var batch = Prepare(connection, transaction, RowsPerStatement);
        var full = rows.Count / RowsPerStatement * RowsPerStatement;
        for (var start = 0; start < full; start += RowsPerStatement)
        {
            Bind(batch, runId, rows, start, RowsPerStatement);
            batch.ExecuteNonQuery();
            if (start % 20_000 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(start);
            }
        }
        if (full < rows.Count)
        {
            using var rest = Prepare(connection, transaction, rows.Count - full);
            Bind(rest, runId, rows, full, rows.Count - full);
            rest.ExecuteNonQuery();
        }
        progress?.Report(rows.Count);
    }

    private static DbCommand Prepare(DbConnection connection, DbTransaction transaction, int rowCount)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new System.Text.StringBuilder($"INSERT INTO {Table} (run_id, crn, pdu_code, met_mask, unknown_mask, score, status) VALUES ");
        for (var r = 0; r < rowCount; r++)
        {
            if (r > 0) sql.Append(',');
            sql.Append($"(@r{r}a,@r{r}b,@r{r}c,@r{r}d,@r{r}e,@r{r}f,@r{r}g)");
            foreach (var suffix in "abcdefg")
            {
                var p = command.CreateParameter();
                p.ParameterName = $"@r{r}{suffix}";
                command.Parameters.Add(p);
            }
        }
        command.CommandText = sql.ToString();
        command.Prepare();
        return command;
    }

    private static void Bind(DbCommand command, int runId, IReadOnlyList<PersonResultRow> rows, int start, int count)
    {
        var parameters = command.Parameters;
        for (var r = 0; r < count; r++)
        {
            var row = rows[start + r];
            var i = r * 7;
            parameters[i].Value = runId;
            parameters[i + 1].Value = row.Crn;
            parameters[i + 2].Value = row.PduCode;
            parameters[i + 3].Value = row.MetMask;
            parameters[i + 4].Value = row.UnknownMask;
            parameters[i + 5].Value = row.Score;
            parameters[i + 6].Value = row.Status;
        }
    }
}

/// <summary>The values of one <see cref="PersonResult"/>, without EF.</summary>
public readonly record struct PersonResultRow(string Crn, string PduCode, byte MetMask, byte UnknownMask, short Score, byte Status);
