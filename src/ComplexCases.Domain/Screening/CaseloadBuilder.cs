using ComplexCases.Domain.People;

namespace ComplexCases.Domain.Screening;

/// <summary>
/// Collects people and records in any order and builds a <see cref="Caseload"/> grouped by person.
/// Records for a CRN that was never added are refused (the importer reports them as orphans first).
/// </summary>
public sealed class CaseloadBuilder
{
    private readonly List<Person> _people = [];
    private readonly Dictionary<Crn, int> _indexByCrn = [];
    private readonly Dictionary<string, StaffMember> _staff = new(StringComparer.Ordinal);
    private readonly RecordList<Registration> _registrations = new();
    private readonly RecordList<Assessment> _assessments = new();
    private readonly RecordList<Sentence> _sentences = new();
    private readonly RecordList<OpdScreening> _opd = new();
    private readonly RecordList<RejectedRecord> _rejected = new();

    public int PeopleCount => _people.Count;

    public bool Contains(Crn crn) => _indexByCrn.ContainsKey(crn);

    public CaseloadBuilder AddPerson(Person person)
    {
        if (!_indexByCrn.TryAdd(person.Crn, _people.Count))
            throw new ArgumentException($"CRN {person.Crn} was added twice.", nameof(person));
        _people.Add(person);
        return this;
    }

    public CaseloadBuilder AddStaff(StaffMember staff)
    {
        if (!_staff.TryAdd(staff.StaffCode, staff))
            throw new ArgumentException($"Staff code {staff.StaffCode} was added twice.", nameof(staff));
        return this;
    }

    public CaseloadBuilder Add(Crn crn, Registration registration) { _registrations.Add(Index(crn), registration); return this; }
    public CaseloadBuilder Add(Crn crn, Assessment assessment) { _assessments.Add(Index(crn), assessment); return this; }
    public CaseloadBuilder Add(Crn crn, Sentence sentence) { _sentences.Add(Index(crn), sentence); return this; }
    public CaseloadBuilder Add(Crn crn, OpdScreening screening) { _opd.Add(Index(crn), screening); return this; }

    /// <summary>A rejected row of a record file whose crn names this person. Add them in file then line order.</summary>
    public CaseloadBuilder Add(Crn crn, RejectedRecord rejected) { _rejected.Add(Index(crn), rejected); return this; }

    public Caseload Build()
    {
        // Order people by CRN and remember where each insertion index went.
        var order = new int[_people.Count];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        var people = _people.ToArray();
        var keys = new int[people.Length];
        for (var i = 0; i < keys.Length; i++) keys[i] = people[i].Crn.Value;
        Array.Sort(keys, order);
        var sortedPeople = new Person[people.Length];
        var rank = new int[people.Length];
        for (var i = 0; i < order.Length; i++)
        {
            sortedPeople[i] = people[order[i]];
            rank[order[i]] = i;
        }

        var (registrations, registrationStarts) = _registrations.Group(rank);
        var (assessments, assessmentStarts) = _assessments.Group(rank);
        var (sentences, sentenceStarts) = _sentences.Group(rank);
        var (opd, opdStarts) = _opd.Group(rank);
        var (rejected, rejectedStarts) = _rejected.Group(rank);
        return new Caseload(sortedPeople, new Dictionary<string, StaffMember>(_staff, StringComparer.Ordinal),
            registrations, registrationStarts, assessments, assessmentStarts,
            sentences, sentenceStarts, opd, opdStarts, rejected, rejectedStarts);
    }

    private int Index(Crn crn) =>
        _indexByCrn.TryGetValue(crn, out var index)
            ? index
            : throw new ArgumentException($"No person with CRN {crn} has been added.", nameof(crn));

    /// <summary>Records with their owner's insertion index; grouped by a counting sort (stable, O(n)).</summary>
    private sealed class RecordList<T>
    {
        private readonly List<int> _owners = [];
        private readonly List<T> _items = [];

        public void Add(int owner, T item)
        {
            _owners.Add(owner);
            _items.Add(item);
        }

        public (T[] Items, int[] Starts) Group(int[] rank)
        {
            var starts = new int[rank.Length + 1];
            foreach (var owner in _owners) starts[rank[owner] + 1]++;
            for (var i = 1; i < starts.Length; i++) starts[i] += starts[i - 1];
            var next = (int[])starts.Clone();
            var items = new T[_items.Count];
            for (var i = 0; i < _items.Count; i++) items[next[rank[_owners[i]]]++] = _items[i];
            return (items, starts);
        }
    }
}
