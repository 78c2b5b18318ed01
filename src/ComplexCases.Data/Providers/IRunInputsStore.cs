using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Data.Providers;

/// <summary>
/// Keeps each run's encoded screening inputs (the records it screened) beside the run, in parts, so a month can be
/// screened again under another definition without its extract.
/// </summary>
public interface IRunInputsStore
{
    /// <summary>
    /// Inserts the parts as they are enumerated, in the caller's open transaction (the run's own); each part's data need
    /// only stay valid until the next part is asked for, so one buffer serves them all.
    /// </summary>
    void Write(DbContext db, int runId, IEnumerable<RunInputsPart> parts);

    /// <summary>A run's parts in order, as (format, data), on a connection of the reader's own; none for a run stored before inputs were kept.</summary>
    IEnumerable<(int Format, byte[] Data)> Read(DbConnection connection, int runId);
}

/// <summary>One part of a run's inputs: <see cref="Data"/> is valid until the next part is asked for.</summary>
public readonly record struct RunInputsPart(int Part, int Format, int People, int Records, ReadOnlyMemory<byte> Data);
