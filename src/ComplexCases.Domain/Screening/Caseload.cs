using ComplexCases.Domain.People;

namespace ComplexCases.Domain.Screening;

/// <summary>One person's records, as spans over the caseload's arrays (no copying).</summary>
public readonly ref struct CaseRecords(
    ReadOnlySpan<Registration> registrations,
    ReadOnlySpan<Assessment> assessments,
    ReadOnlySpan<Sentence> sentences,
    ReadOnlySpan<OpdScreening> opdScreenings,
    ReadOnlySpan<RejectedRecord> rejected)
{
    /// <summary>Complete records: nothing of this person's was rejected.</summary>
    public CaseRecords(ReadOnlySpan<Registration> registrations, ReadOnlySpan<Assessment> assessments,
        ReadOnlySpan<Sentence> sentences, ReadOnlySpan<OpdScreening> opdScreenings)
        : this(registrations, assessments, sentences, opdScreenings, [])
    {
    }

    public ReadOnlySpan<Registration> Registrations { get; } = registrations;
    public ReadOnlySpan<Assessment> Assessments { get; } = assessments;
    public ReadOnlySpan<Sentence> Sentences { get; } = sentences;
    public ReadOnlySpan<OpdScreening> OpdScreenings { get; } = opdScreenings;

    /// <summary>Rows of this person's record files that were rejected, by file (<see cref="RecordKind"/> order) then line.</summary>
    public ReadOnlySpan<RejectedRecord> Rejected { get; } = rejected;

    /// <summary>The same records as if nothing had been rejected (to say what the records alone show).</summary>
    public CaseRecords WithoutRejected() => new(Registrations, Assessments, Sentences, OpdScreenings);
}

/// <summary>
/// Everyone in one extract with their accepted records, people ordered by CRN. Records are held
/// in one array per kind grouped by person (start offsets per person), so a national extract is
/// one allocation per kind rather than millions of small lists.
/// </summary>
public sealed class Caseload
{
    private readonly Person[] _people;
    private readonly Registration[] _registrations;
    private readonly int[] _registrationStarts;
    private readonly Assessment[] _assessments;
    private readonly int[] _assessmentStarts;
    private readonly Sentence[] _sentences;
    private readonly int[] _sentenceStarts;
    private readonly OpdScreening[] _opdScreenings;
    private readonly int[] _opdStarts;
    private readonly RejectedRecord[] _rejected;
    private readonly int[] _rejectedStarts;

    /// <param name="people">Ordered by CRN, CRNs unique.</param>
    /// <param name="registrationStarts">people.Length + 1 offsets into <paramref name="registrations"/>; likewise the others.</param>
    public Caseload(
        Person[] people,
        IReadOnlyDictionary<string, StaffMember> staff,
        Registration[] registrations, int[] registrationStarts,
        Assessment[] assessments, int[] assessmentStarts,
        Sentence[] sentences, int[] sentenceStarts,
        OpdScreening[] opdScreenings, int[] opdStarts,
        RejectedRecord[]? rejected = null, int[]? rejectedStarts = null)
    {
        rejected ??= [];
        rejectedStarts ??= new int[people.Length + 1];
        CheckStarts(people.Length, registrations.Length, registrationStarts, nameof(registrationStarts));
        CheckStarts(people.Length, assessments.Length, assessmentStarts, nameof(assessmentStarts));
        CheckStarts(people.Length, sentences.Length, sentenceStarts, nameof(sentenceStarts));
        CheckStarts(people.Length, opdScreenings.Length, opdStarts, nameof(opdStarts));
        CheckStarts(people.Length, rejected.Length, rejectedStarts, nameof(rejectedStarts));
        for (var i = 1; i < people.Length; i++)
        {
            if (people[i - 1].Crn >= people[i].Crn)
                throw new ArgumentException("People must be ordered by CRN with no duplicates.", nameof(people));
        }
        _people = people;
        Staff = staff;
        _registrations = registrations;
        _registrationStarts = registrationStarts;
        _assessments = assessments;
        _assessmentStarts = assessmentStarts;
        _sentences = sentences;
        _sentenceStarts = sentenceStarts;
        _opdScreenings = opdScreenings;
        _opdStarts = opdStarts;
        _rejected = rejected;
        _rejectedStarts = rejectedStarts;
    }

    public int Count => _people.Length;

    public ReadOnlySpan<Person> People => _people;

    public IReadOnlyDictionary<string, StaffMember> Staff { get; }

    public int RecordCount => _registrations.Length + _assessments.Length + _sentences.Length + _opdScreenings.Length;

    public Person this[int index] => _people[index];

    public CaseRecords RecordsOf(int index) => new(
        Slice(_registrations, _registrationStarts, index),
        Slice(_assessments, _assessmentStarts, index),
        Slice(_sentences, _sentenceStarts, index),
        Slice(_opdScreenings, _opdStarts, index),
        Slice(_rejected, _rejectedStarts, index));

    /// <summary>Rejected rows that name a person in this caseload (all of them, grouped by person).</summary>
    public int RejectedRecordCount => _rejected.Length;

    /// <summary>Whether a rejected row names this person: their records are incomplete.</summary>
    public bool HasRejectedRecords(int index) => _rejectedStarts[index + 1] != _rejectedStarts[index];

    /// <summary>Index of the person with this CRN, or −1.</summary>
    public int IndexOf(Crn crn)
    {
        int lo = 0, hi = _people.Length - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var c = _people[mid].Crn.CompareTo(crn);
            if (c == 0) return mid;
            if (c < 0) lo = mid + 1; else hi = mid - 1;
        }
        return -1;
    }

    private static ReadOnlySpan<T> Slice<T>(T[] items, int[] starts, int index) =>
        items.AsSpan(starts[index], starts[index + 1] - starts[index]);

    private static void CheckStarts(int people, int records, int[] starts, string name)
    {
        if (starts.Length != people + 1 || starts[0] != 0 || starts[people] != records)
            throw new ArgumentException($"Expected {people + 1} offsets from 0 to {records}.", name);
        for (var i = 1; i < starts.Length; i++)
        {
            if (starts[i] < starts[i - 1]) throw new ArgumentException("Offsets must not decrease.", name);
        }
    }
}
