using System.Numerics;
using System.Runtime.CompilerServices;
using ComplexCases.Domain.People;
using nietras.SeparatedValues;

namespace ComplexCases.Extracts.Reading;

/// <summary>people.csv: one row per person; key <c>crn</c>.</summary>
internal sealed class PeopleFile() : ExtractFile(ExtractFiles.People, Spec, required: true)
{
    private const int CrnField = 0, Forename = 1, Surname = 2, DateOfBirth = 3, Gender = 4, RegionCode = 5, RegionName = 6,
        PduCode = 7, PduName = 8, TeamCode = 9, TeamName = 10, PractitionerCode = 11, Lao = 12;

    private static readonly ColumnSpec[] Spec =
    [
        new("crn", true, MaskKind.Crn),
        new("forename", false, MaskKind.Name),
        new("surname", false, MaskKind.Name),
        new("date_of_birth", false, MaskKind.DateOfBirth),
        new("gender", false, MaskKind.Hidden),
        new("region_code", true),
        new("region_name", false),
        new("pdu_code", true),
        new("pdu_name", false),
        new("team_code", false),
        new("team_name", false),
        new("practitioner_code", false),
        new("lao", false),
    ];

    private readonly ChunkedList<Person> _rows = new();
    // CRNs of rows rejected for another reason, so that their records can be explained as orphans.
    private readonly Dictionary<int, int> _rejectedLineByCrn = [];
    private int _accepted;
    private PeopleIndex? _index;

    public override int RowsAccepted => _accepted;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void ReadRow(SepReader.Row row, int line)
    {
        if (!TryRead(row, line)) NoteRejectedCrn(row, line);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryRead(SepReader.Row row, int line)
    {
        Crn crn = default;
        string? forename = null, surname = null, gender = null, regionCode = null, regionName = null, pduCode = null, pduName = null;
        string? teamCode = null, teamName = null, practitioner = null;
        DateOnly? dateOfBirth = null;
        var lao = Flag.Unknown;
        foreach (var field in FieldsInHeaderOrder)
        {
            var cell = Cell(row, field);
            switch (field)
            {
                case CrnField:
                    if (!ReadCrn(cell, line, field, out crn)) return false;
                    break;
                case Forename: forename = Text(cell, field); break;
                case Surname: surname = Text(cell, field); break;
                case DateOfBirth:
                    if (!ReadOptionalDate(cell, line, field, out dateOfBirth)) return false;
                    break;
                case Gender:
                    if (!cell.IsEmpty)
                    {
                        if (!Cells.TryParseGender(cell, out var g)) return Malformed(cell, line, field, "M, F, X or empty");
                        gender = g;
                    }
                    break;
                case RegionCode:
                    if (!Required(cell, line, field)) return false;
                    regionCode = Code(cell, field);
                    break;
                case RegionName: regionName = Text(cell, field); break;
                case PduCode:
                    if (!Required(cell, line, field)) return false;
                    pduCode = Code(cell, field);
                    break;
                case PduName: pduName = Text(cell, field); break;
                case TeamCode: teamCode = Code(cell, field); break;
                case TeamName: teamName = Text(cell, field); break;
                case PractitionerCode: practitioner = Code(cell, field); break;
                case Lao:
                    if (!ReadFlag(cell, line, field, out lao)) return false;
                    break;
                default: break;
            }
        }
        _rows.Add(new Person(crn, pduCode!, regionCode!, line)
        {
            Forename = forename,
            Surname = surname,
            DateOfBirth = dateOfBirth,
            Gender = gender,
            RegionName = regionName,
            PduName = pduName,
            TeamCode = teamCode,
            TeamName = teamName,
            PractitionerCode = practitioner,
            LimitedAccess = lao == Flag.Yes,
        });
        return true;
    }

    private void NoteRejectedCrn(SepReader.Row row, int line)
    {
        if (Crn.TryParse(Cell(row, CrnField), out var crn)) _rejectedLineByCrn.TryAdd(crn.Value, line);
    }

    /// <summary>Rejects every row of a CRN that appears more than once; the rest, ordered by CRN, are the caseload's people.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Assemble()
    {
        var index = new PeopleIndex();
        HashSet<int>? duplicated = null;
        for (var c = 0; c < _rows.ChunkCount; c++)
        {
            foreach (var person in _rows.Chunk(c))
            {
                if (!index.Add(person.Crn)) (duplicated ??= []).Add(person.Crn.Value);
            }
        }

        if (duplicated is not null)
        {
            var groups = new Dictionary<int, List<Person>>();
            for (var c = 0; c < _rows.ChunkCount; c++)
            {
                foreach (var person in _rows.Chunk(c))
                {
                    if (!duplicated.Contains(person.Crn.Value)) continue;
                    if (!groups.TryGetValue(person.Crn.Value, out var group)) groups.Add(person.Crn.Value, group = []);
                    group.Add(person);
                }
            }
            foreach (var group in groups.Values)
            {
                var crn = Masking.Crn(group[0].Crn);
                var lines = DuplicateKeys.DescribeLines(group.ConvertAll(p => p.Line), static line => line);
                index.Remove(group[0].Crn);
                _rejectedLineByCrn.TryAdd(group[0].Crn.Value, group[0].Line);
                foreach (var person in group)
                {
                    Reject(new Rejection(FileName, person.Line, "crn", RejectionReason.DuplicateKey, $"crn {crn} appears on {group.Count} rows ({lines})", crn));
                }
            }
        }

        var people = index.Seal(_rejectedLineByCrn);
        for (var c = 0; c < _rows.ChunkCount; c++)
        {
            foreach (var person in _rows.Chunk(c))
            {
                var at = index.IndexOf(person.Crn.Value);
                if (at >= 0) people[at] = person;
            }
        }
        _rows.Clear();
        _accepted = people.Length;
        SortRejections();
        _index = index;
    }

    /// <summary>The accepted people, once <see cref="Assemble"/> has run.</summary>
    public PeopleIndex Index => _index ?? throw new InvalidOperationException("people.csv has not been assembled yet.");
}

/// <summary>The accepted people ordered by CRN, and each CRN's position in that order.</summary>
/// <remarks>
/// A CRN packs into an int below 26,000,000, so the set of CRNs is a 3.3 MB bitmap and a person's
/// position is the count of set bits before theirs (a rank): no sorting, no hashing, and the
/// look-up that groups two million records by person costs a few nanoseconds each.
/// </remarks>
internal sealed class PeopleIndex
{
    private const int CrnValues = 26_000_000;
    private static readonly string NoPerson = $"no person with this CRN in {ExtractFiles.People}";
    private readonly ulong[] _bits = new ulong[(CrnValues + 63) / 64];
    private readonly Dictionary<int, string> _orphanDetails = [];
    private int[] _before = [];

    public Person[] People { get; private set; } = [];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Add(Crn crn)
    {
        ref var word = ref _bits[crn.Value >> 6];
        var bit = 1UL << crn.Value;
        if ((word & bit) != 0) return false;
        word |= bit;
        return true;
    }

    public void Remove(Crn crn) => _bits[crn.Value >> 6] &= ~(1UL << crn.Value);

    /// <summary>Fixes the positions; returns the array to fill, one slot per CRN added and not removed.</summary>
    /// <param name="rejectedLineByCrn">CRNs whose row in people.csv was rejected, with its line, to explain orphans.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Person[] Seal(Dictionary<int, int> rejectedLineByCrn)
    {
        foreach (var (crn, line) in rejectedLineByCrn)
        {
            _orphanDetails.Add(crn, $"this CRN's row in {ExtractFiles.People} (line {line}) was rejected");
        }
        _before = new int[_bits.Length];
        var count = 0;
        for (var i = 0; i < _bits.Length; i++)
        {
            _before[i] = count;
            count += BitOperations.PopCount(_bits[i]);
        }
        return People = new Person[count];
    }

    /// <summary>Position of the person with this (packed) CRN, or −1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int IndexOf(int crn)
    {
        var word = _bits[crn >> 6];
        var bit = 1UL << crn;
        return (word & bit) == 0 ? -1 : _before[crn >> 6] + BitOperations.PopCount(word & (bit - 1));
    }

    /// <summary>Why a CRN has no person, for an orphan's rejection (the CRN itself is in the rejection's value).</summary>
    public string OrphanDetail(Crn crn) => _orphanDetails.TryGetValue(crn.Value, out var detail) ? detail : NoPerson;
}
