namespace ComplexCases.Synthetic;

/// <summary>What decides how long a person stays: their latent factors and their sentence. Drawn first, from
/// the person's own seed, so the slot timeline can be replayed without generating anyone's records.</summary>
internal struct PersonCore
{
    private static readonly double IppIndividualLoading =
        Math.Sqrt(1 - (Model.IppGeneralLoading * Model.IppGeneralLoading) - (Model.IppClusterLoading * Model.IppClusterLoading));

    public double Z;
    public double RiskFactor;
    public double HealthFactor;
    public SentenceType Type;
    public int DurationDays;
    /// <summary>The person's stream, positioned after the core draws; the rest of their history continues from here.</summary>
    public Rng Rng;

    public static PersonCore Draw(ulong seed)
    {
        var rng = new Rng(seed);
        var core = new PersonCore
        {
            Z = rng.NextNormal(),
            RiskFactor = rng.NextNormal(),
            HealthFactor = rng.NextNormal(),
        };
        var liability = (Model.IppGeneralLoading * core.Z) + (Model.IppClusterLoading * core.RiskFactor) + (IppIndividualLoading * rng.NextNormal());
        if (liability > Model.IppThreshold)
            core.Type = rng.Chance(Model.DppShareOfIpp) ? SentenceType.DPP : SentenceType.IPP;
        else
            core.Type = Model.Types[rng.Pick(Model.StarterCumulative)];
        var t = (int)core.Type;
        core.DurationDays = rng.Between(Model.MinDays[t], Model.MaxDays[t]);
        core.Rng = rng;
        return core;
    }
}

/// <summary>One period of supervision: a person in a caseload slot from <see cref="Start"/> (inclusive) to
/// <see cref="End"/> (exclusive). <see cref="Ordinal"/> counts the slot's occupants from the one present on the
/// first screening date.</summary>
internal readonly record struct Occupant(ulong Seed, int Ordinal, DateOnly Start, DateOnly End, PersonCore Core)
{
    public bool IsPresentOn(DateOnly date) => Start <= date && date < End;
}

/// <summary>
/// A caseload place: when one person's supervision ends the next begins, so every screening date has exactly one
/// occupant per slot and the caseload is exactly the requested size. The first occupant is drawn from the stationary
/// (length-biased) distribution — long supervisions are more likely to be in progress on any given day — so
/// churn is steady from the first month on.
/// </summary>
internal struct SlotTimeline
{
    private Rng _rng;
    private DateOnly _nextStart;
    private int _ordinal;

    public SlotTimeline(int seed, int slot, DateOnly firstScreening)
    {
        _rng = new Rng((ulong)(uint)seed, 0x5107_0000_0000UL + (ulong)slot);
        _ordinal = 0;
        // Length-biased acceptance: keep a candidate with probability duration / longest.
        PersonCore core;
        ulong seedOfPerson;
        do
        {
            seedOfPerson = _rng.NextULong();
            core = PersonCore.Draw(seedOfPerson);
        }
        while (_rng.NextDouble() * Model.LongestSupervisionDays >= core.DurationDays);
        var elapsed = _rng.Next(core.DurationDays);
        var start = firstScreening.AddDays(-elapsed);
        First = new Occupant(seedOfPerson, 0, start, start.AddDays(core.DurationDays), core);
        _nextStart = First.End;
    }

    public Occupant First { get; }

    /// <summary>The occupant after the last one returned (the first call gives the one after <see cref="First"/>).</summary>
    public Occupant Next()
    {
        var seedOfPerson = _rng.NextULong();
        var core = PersonCore.Draw(seedOfPerson);
        var start = _nextStart;
        _nextStart = start.AddDays(core.DurationDays);
        return new Occupant(seedOfPerson, ++_ordinal, start, _nextStart, core);
    }

    /// <summary>The occupant present on <paramref name="date"/> (on or after the first screening date).</summary>
    public static Occupant At(int seed, int slot, DateOnly firstScreening, DateOnly date)
    {
        var timeline = new SlotTimeline(seed, slot, firstScreening);
        var occupant = timeline.First;
        while (occupant.End <= date) occupant = timeline.Next();
        return occupant;
    }

    /// <summary>How many different people occupy the slot across the screening dates.</summary>
    public static int CountOccupants(int seed, int slot, DateOnly firstScreening, DateOnly lastScreening)
    {
        var timeline = new SlotTimeline(seed, slot, firstScreening);
        var occupant = timeline.First;
        var count = 1;
        while (occupant.End <= lastScreening)
        {
            occupant = timeline.Next();
            count++;
        }
        return count;
    }
}
