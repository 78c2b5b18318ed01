using System.Data.Common;
using ComplexCases.Data;
using ComplexCases.Data.Providers;
using ComplexCases.Domain.Screening;

namespace ComplexCases.Application.Evaluation;

/// <summary>Keeps each run's screening inputs (<see cref="RunInputsCodec"/>) beside the run, and reads them back.</summary>
public static class RunInputsStore
{
    /// <summary>Inserts a run's inputs, part by part, in the caller's open transaction (the run's own): stored with the run or not at all.</summary>
    public static void Save(ComplexCasesDbContext db, int runId, Caseload caseload, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(caseload);
        db.RunInputs().Write(db, runId, Parts(caseload, asOf));
    }

    /// <summary>Each part encoded as it is asked for, into the encoder's one buffer (valid until the next part).</summary>
    private static IEnumerable<RunInputsPart> Parts(Caseload caseload, DateOnly asOf)
    {
        var encoder = new RunInputsCodec.Encoder();
        for (int start = 0, part = 0; start < caseload.Count || part == 0; start += RunInputsCodec.PartSize, part++)
        {
            var end = Math.Min(caseload.Count, start + RunInputsCodec.PartSize);
            yield return new RunInputsPart(part, RunInputsCodec.Format, end - start, RecordsOf(caseload, start, end), encoder.Encode(caseload, start, end, asOf));
        }
    }

    /// <summary>The run's caseload as it was screened (records only), or null when the run was stored before inputs were kept.</summary>
    /// <param name="store">The provider's run-inputs store (<see cref="StoreServices.RunInputs"/>).</param>
    /// <param name="connection">An open connection of its own: months are loaded in parallel.</param>
    public static Caseload? Load(IRunInputsStore store, DbConnection connection, int runId)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(connection);
        // A national month is ≈15 parts of ≈1 MB, each decodable on its own: decoding them on every core, rather than one
        // after another, is what lets a re-screening comparison (one month's records in memory at a time) use the machine.
        var blobs = store.Read(connection, runId).ToList();
        if (blobs.Count == 0) return null;
        var parts = new RunInputsCodec.Parts[blobs.Count];
        try
        {
            Parallel.For(0, blobs.Count, i =>
            {
                var part = new RunInputsCodec.Parts();
                part.Add(blobs[i].Data, blobs[i].Format);
                parts[i] = part;
            });
        }
        catch (AggregateException ex) when (ex.InnerExceptions.OfType<InvalidDataException>().FirstOrDefault() is { } bad)
        {
            throw new InvalidDataException(bad.Message, bad);
        }
        return RunInputsCodec.Parts.Join(parts);
    }

    private static int RecordsOf(Caseload caseload, int start, int end)
    {
        var n = 0;
        for (var i = start; i < end; i++)
        {
            var r = caseload.RecordsOf(i);
            n += r.Registrations.Length + r.Assessments.Length + r.Sentences.Length + r.OpdScreenings.Length;
        }
        return n;
    }
}
