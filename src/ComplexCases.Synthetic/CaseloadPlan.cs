using System.Globalization;

namespace ComplexCases.Synthetic;

/// <summary>One member of staff as staff.csv lists them.</summary>
internal sealed record StaffRow(string Code, string Forename, string Surname, string Email, string Grade, string? TeamCode, string PduCode, string? ManagerCode);

/// <summary>A PDU's share of the caseload slots, its teams and its practitioners (pre-encoded for the writer).</summary>
internal sealed class PduPlan
{
    public required int RegionIndex { get; init; }
    public required ProbationRegion Region { get; init; }
    public required DeliveryUnit Pdu { get; init; }
    public required int FirstSlot { get; init; }
    public required int SlotCount { get; init; }
    public required byte[] RegionCode { get; init; }
    public required byte[] RegionName { get; init; }
    public required byte[] PduCode { get; init; }
    public required byte[] PduName { get; init; }
    public required byte[][] TeamCodes { get; init; }
    public required byte[][] TeamNames { get; init; }
    public required byte[][] PractitionerCodes { get; init; }
    public required int[] PractitionerTeams { get; init; }
}

/// <summary>
/// Everything shared by the months of one run: the slots (caseload places) spread over regions and PDUs, the staff
/// directory, and how many different people each slot holds across the run, which numbers people densely so that
/// every person keeps one CRN for the whole run and no two people share one.
/// </summary>
internal sealed class CaseloadPlan
{
    /// <summary>The last letter is kept for defect rows that must name a CRN nobody has.</summary>
    public const char OrphanLetter = 'Z';
    private const int DigitsSpace = 900_000;

    private readonly long[] _personStart;   // per slot: number of the slot's first person; [slots] = total
    private readonly long[] _regionFirstPerson;
    private readonly char[] _regionLetter;
    private readonly ulong[] _regionKey;
    private readonly bool _letterPerRegion;
    private readonly int _packedBase;

    public CaseloadPlan(GeneratorOptions options, IReadOnlyList<DateOnly> dates, CancellationToken ct)
    {
        Options = options;
        Dates = dates;
        var regions = Presets.Get(options.Preset);
        Pdus = BuildPdus(regions, options.People, options.Seed, out var staff);
        Staff = staff;

        // Count each slot's occupants over the run (cheap: only the latent core of each person is drawn).
        _personStart = new long[options.People + 1];
        var counts = new int[options.People];
        var first = dates[0];
        var last = dates[^1];
        Parallel.For(0, (options.People + 4095) / 4096, new ParallelOptions { CancellationToken = ct }, block =>
        {
            var end = Math.Min(options.People, (block + 1) * 4096);
            for (var slot = block * 4096; slot < end; slot++)
                counts[slot] = SlotTimeline.CountOccupants(options.Seed, slot, first, last);
        });
        for (var slot = 0; slot < options.People; slot++) _personStart[slot + 1] = _personStart[slot] + counts[slot];
        TotalPeople = _personStart[options.People];

        _regionFirstPerson = new long[regions.Count + 1];
        _regionLetter = new char[regions.Count];
        _regionKey = new ulong[regions.Count];
        var letterPerRegion = true;
        foreach (var pdu in Pdus) _regionFirstPerson[pdu.RegionIndex + 1] = _personStart[pdu.FirstSlot + pdu.SlotCount];
        for (var r = 1; r <= regions.Count; r++) _regionFirstPerson[r] = Math.Max(_regionFirstPerson[r], _regionFirstPerson[r - 1]);
        for (var r = 0; r < regions.Count; r++)
        {
            _regionLetter[r] = regions[r].CrnLetter;
            _regionKey[r] = new Rng((ulong)(uint)options.Seed, 0xC0DEUL + (ulong)r).NextULong();
            if (_regionFirstPerson[r + 1] - _regionFirstPerson[r] > DigitsSpace) letterPerRegion = false;
        }
        _letterPerRegion = letterPerRegion;
        if (!letterPerRegion && TotalPeople > (OrphanLetter - 'A') * 1_000_000L)
            throw new InvalidOperationException($"The run needs {TotalPeople:N0} CRNs, more than the {(OrphanLetter - 'A') * 1_000_000L:N0} available; use fewer people or months.");
        // Too many people for one letter per region: number everyone consecutively, from the first region's letter if they fit.
        var lettersNeeded = (int)((TotalPeople + 999_999) / 1_000_000);
        _packedBase = Math.Min(regions[0].CrnLetter - 'A', OrphanLetter - 'A' - lettersNeeded) * 1_000_000;
    }

    public GeneratorOptions Options { get; }

    public IReadOnlyList<DateOnly> Dates { get; }

    public IReadOnlyList<PduPlan> Pdus { get; }

    public IReadOnlyList<StaffRow> Staff { get; }

    /// <summary>Different people across the whole run.</summary>
    public long TotalPeople { get; }

    public long PersonNumber(int slot, int ordinal) => _personStart[slot] + ordinal;

    /// <summary>The packed CRN (<see cref="Domain.People.Crn.Value"/> form) of a person.</summary>
    public int CrnValue(int regionIndex, long personNumber)
    {
        if (!_letterPerRegion) return _packedBase + (int)personNumber;
        var n = (int)(personNumber - _regionFirstPerson[regionIndex]);
        return ((_regionLetter[regionIndex] - 'A') * 1_000_000) + 100_000 + Permute(n, _regionKey[regionIndex]);
    }

    /// <summary>A keyed bijection of [0, 900,000): a 4-round Feistel network on 20 bits, cycle-walked back into range,
    /// so that CRNs within a region look arbitrary yet never collide.</summary>
    internal static int Permute(int n, ulong key)
    {
        var x = (uint)n;
        do
        {
            uint left = x >> 10, right = x & 1023;
            for (var round = 0UL; round < 4; round++)
            {
                var f = (uint)Rng.Mix(key + round, right) & 1023;
                (left, right) = (right, left ^ f);
            }
            x = (left << 10) | right;
        }
        while (x >= DigitsSpace);
        return (int)x;
    }

    private static List<PduPlan> BuildPdus(IReadOnlyList<ProbationRegion> regions, int people, int seed, out List<StaffRow> staff)
    {
        // Largest-remainder split of the slots over all PDUs, in preset order (deterministic ties).
        var weights = new List<(int Region, DeliveryUnit Pdu, double Weight)>();
        for (var r = 0; r < regions.Count; r++)
        {
            var sum = regions[r].Pdus.Sum(p => p.Weight);
            foreach (var pdu in regions[r].Pdus) weights.Add((r, pdu, regions[r].Share * pdu.Weight / sum));
        }
        var total = weights.Sum(w => w.Weight);
        var sizes = new int[weights.Count];
        var remainders = new (double Remainder, int Index)[weights.Count];
        var given = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = people * weights[i].Weight / total;
            sizes[i] = (int)Math.Floor(exact);
            given += sizes[i];
            remainders[i] = (exact - sizes[i], i);
        }
        Array.Sort(remainders, static (x, y) => y.Remainder != x.Remainder ? y.Remainder.CompareTo(x.Remainder) : x.Index.CompareTo(y.Index));
        for (var i = 0; given < people; i++, given++) sizes[remainders[i].Index]++;

        staff = [];
        var plans = new List<PduPlan>(weights.Count);
        var firstSlot = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var (regionIndex, pdu, _) = weights[i];
            var region = regions[regionIndex];
            plans.Add(BuildPdu(region, regionIndex, pdu, i, firstSlot, sizes[i], seed, staff));
            firstSlot += sizes[i];
        }
        return plans;
    }

    private static PduPlan BuildPdu(ProbationRegion region, int regionIndex, DeliveryUnit pdu, int pduIndex, int firstSlot, int slots, int seed, List<StaffRow> staff)
    {
        var practitioners = slots == 0 ? 0 : Math.Max(1, (int)Math.Round(slots * 0.98 / Model.CaseloadPerPractitioner));
        var teams = practitioners == 0 ? 0 : Math.Max(1, (int)Math.Round(practitioners / (double)Model.PractitionersPerSpo));
        var rng = new Rng((ulong)(uint)seed, 0x57AFFUL + (ulong)pduIndex);
        var grades = new string[practitioners];
        var pqips = 0;
        for (var p = 0; p < practitioners; p++)
        {
            var g = rng.NextDouble();
            grades[p] = g < 0.55 ? "PO" : g < 0.85 ? "PSO" : "PQiP";
            if (grades[p] == "PQiP") pqips++;
        }
        var qdos = pqips == 0 ? 0 : Math.Max(1, (int)Math.Round(pqips / 12.0));
        var staffCount = practitioners == 0 ? 0 : 1 + teams + practitioners + qdos;
        var width = Math.Max(4, staffCount.ToString(CultureInfo.InvariantCulture).Length);
        var serial = 0;
        string NextCode() => pdu.Code + (++serial).ToString("D" + width.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

        StaffRow Person(string code, string grade, string? team, string? manager)
        {
            var forenames = rng.Chance(0.7) ? Names.Female : Names.Male;
            var forename = forenames[rng.Next(forenames.Length)];
            var surname = Names.Surnames[rng.Next(Names.Surnames.Length)];
            var email = $"{Names.Ascii(forename)}.{Names.Ascii(surname)}.{code.ToLowerInvariant()}@probation.example";
            return new StaffRow(code, forename, surname, email, grade, team, pdu.Code, manager);
        }

        var teamCodes = new byte[teams][];
        var teamNames = new byte[teams][];
        var practitionerCodes = new byte[practitioners][];
        var practitionerTeams = new int[practitioners];
        if (practitioners > 0)
        {
            var head = NextCode();
            staff.Add(Person(head, "HOPDU", null, null));
            var p = 0;
            for (var t = 0; t < teams; t++)
            {
                var teamCode = $"{pdu.Code}T{t + 1:D2}";
                teamCodes[t] = CsvFileWriter.Encode(teamCode);
                teamNames[t] = CsvFileWriter.Encode($"{pdu.Name} Team {t + 1}");
                var spo = NextCode();
                staff.Add(Person(spo, "SPO", teamCode, head));
                var until = (int)((long)(t + 1) * practitioners / teams);
                for (; p < until; p++)
                {
                    var code = NextCode();
                    practitionerCodes[p] = CsvFileWriter.Encode(code);
                    practitionerTeams[p] = t;
                    staff.Add(Person(code, grades[p], teamCode, spo));
                }
            }
            for (var q = 0; q < qdos; q++) staff.Add(Person(NextCode(), "QDO", null, head));
        }

        return new PduPlan
        {
            RegionIndex = regionIndex,
            Region = region,
            Pdu = pdu,
            FirstSlot = firstSlot,
            SlotCount = slots,
            RegionCode = CsvFileWriter.Encode(region.Code),
            RegionName = CsvFileWriter.Encode(region.Name),
            PduCode = CsvFileWriter.Encode(pdu.Code),
            PduName = CsvFileWriter.Encode(pdu.Name),
            TeamCodes = teamCodes,
            TeamNames = teamNames,
            PractitionerCodes = practitionerCodes,
            PractitionerTeams = practitionerTeams,
        };
    }
}
