using System.Runtime.CompilerServices;
using ComplexCases.Domain.People;

namespace ComplexCases.Extracts.Reading;

/// <summary>
/// A file of records that belong to people (registrations, assessments, sentences, OPD screenings):
/// rows are kept with their CRN while the file is read, then checked against people.csv
/// (orphans) and their key (duplicates), and grouped by person for the caseload.
/// </summary>
internal abstract class RecordFile<T>(string fileName, ColumnSpec[] columns) : ExtractFile(fileName, columns), IPersonRecords
    where T : struct
{
    private readonly ChunkedList<int> _crns = new();
    private readonly ChunkedList<T> _records = new();
    private int _accepted;

    public override int RowsAccepted => _accepted;

    protected override bool NamesPeople => true;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected void Accept(Crn crn, T record)
    {
        _crns.Add(crn.Value);
        _records.Add(record);
    }

    protected ref T Record(int row) => ref _records[row];

    protected Crn CrnOf(int row) => Crn.FromValue(_crns[row]);

    protected abstract int LineOf(in T record);

    /// <summary>
    /// For a file whose key is unique across people: rejects every row (among those with an owner) whose
    /// key is duplicated, setting its owner to −1.
    /// </summary>
    protected virtual void RejectDuplicatesAcrossPeople(int[] owners)
    {
    }

    /// <summary>For a file whose key is unique per person: given the grouped records, returns which to reject.</summary>
    protected virtual bool[]? FindDuplicatesWithinPeople(T[] items, int[] starts, PeopleIndex people) => null;

    /// <summary>The accepted records grouped by person, once <see cref="Assemble"/> has run.</summary>
    public T[] Items { get; private set; } = [];

    /// <summary>Where each person's records start in <see cref="Items"/> (one more entry than people).</summary>
    public int[] Starts { get; private set; } = [0];

    /// <summary>
    /// Rejects orphans, then (among the rest) rows with a duplicated key, and groups the accepted
    /// records by person (stable: a person's records keep their order in the file).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Assemble(PeopleIndex people)
    {
        var owners = new int[_records.Count];
        var row = 0;
        for (var c = 0; c < _crns.ChunkCount; c++)
        {
            foreach (var crn in _crns.Chunk(c))
            {
                var owner = people.IndexOf(crn);
                owners[row] = owner;
                if (owner < 0) RejectOrphan(row, people);
                row++;
            }
        }
        RejectDuplicatesAcrossPeople(owners);

        var (items, starts) = Group(owners, people.People.Length);
        _records.Clear();
        _crns.Clear();
        if (FindDuplicatesWithinPeople(items, starts, people) is { } rejected) (items, starts) = Compact(items, starts, rejected);
        _accepted = items.Length;
        SortRejections();
        Items = items;
        Starts = starts;
    }

    private void RejectOrphan(int row, PeopleIndex people)
    {
        var crn = CrnOf(row);
        Reject(new Rejection(FileName, LineOf(_records[row]), "crn", RejectionReason.Orphan, people.OrphanDetail(crn), Masking.Crn(crn)));
    }

    /// <summary>Counting sort by owner: O(n), stable.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (T[] Items, int[] Starts) Group(int[] owners, int peopleCount)
    {
        var starts = new int[peopleCount + 1];
        foreach (var owner in owners) starts[owner + 1]++; // orphans land in starts[0], cleared next
        starts[0] = 0;
        for (var p = 1; p < starts.Length; p++) starts[p] += starts[p - 1];
        var next = starts.AsSpan(0, peopleCount).ToArray();
        var items = new T[starts[^1]];
        var row = 0;
        for (var c = 0; c < _records.ChunkCount; c++)
        {
            foreach (ref readonly var record in _records.Chunk(c))
            {
                var owner = owners[row++];
                if (owner >= 0) items[next[owner]++] = record;
            }
        }
        return (items, starts);
    }

    private static (T[] Items, int[] Starts) Compact(T[] items, int[] starts, bool[] rejected)
    {
        var kept = new T[items.Length - rejected.Count(r => r)];
        var newStarts = new int[starts.Length];
        var n = 0;
        for (var p = 0; p < starts.Length - 1; p++)
        {
            newStarts[p] = n;
            for (var i = starts[p]; i < starts[p + 1]; i++)
            {
                if (!rejected[i]) kept[n++] = items[i];
            }
        }
        newStarts[^1] = n;
        return (kept, newStarts);
    }
}

/// <summary>A file of records that belong to people, grouped once people.csv is known.</summary>
internal interface IPersonRecords
{
    void Assemble(PeopleIndex people);
}
