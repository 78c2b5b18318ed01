using ComplexCases.Domain.People;

namespace ComplexCases.Synthetic;

internal enum Register : byte
{
    RLRH, RMRH, RHRH, RVHR, MAPP, RMDO, AMHL, ALSH, INLL, RVLN, RCCO, RCPR,
}

internal struct RegistrationRecord
{
    public Register Code;
    /// <summary>MAPP only: 0 = M0 (nominal), 1–3 = M1–M3; −1 otherwise.</summary>
    public sbyte Level;
    /// <summary>MAPP only: 1–4 = M1–M4, 9 = X9 (nominal); 0 otherwise.</summary>
    public byte Category;
    public DateOnly RegisteredOn;
    public DateOnly DeregisteredOn;
}

internal struct AssessmentRecord
{
    public long Id;
    public DateOnly CompletedOn;
    /// <summary>0 = empty, 1–4 = LOW … VERY_HIGH.</summary>
    public byte Rosh;
    public Flag AlcoholNeed, DrugNeed, LearningDifficulties, MentalHealth, SelfHarm;
    /// <summary>−1 = empty.</summary>
    public sbyte AlcoholScore, DrugScore;
}

internal struct SentenceRecord
{
    public int EventNumber;
    public SentenceType Type;
    public DateOnly SentencedOn;
    public DateOnly TerminatedOn;
}

internal struct OpdRecord
{
    public DateOnly ScreenedOn;
    public bool ScreenedIn;
    public Flag Override;
}

/// <summary>One trait state: what an assessment (or the register) would say at one point in the supervision.</summary>
internal struct TraitState
{
    public int Rosh;        // 1–4
    public int MappaLevel;  // 0 = not MAPPA, 1–3
    public bool Opd, MentalHealth, SelfHarm, LearningDifficulties, Alcohol, Drugs;
}

/// <summary>
/// Everything on record for one person across their whole life in the data (history before this supervision
/// included), generated from the person's own seed. The month writer filters it to what had happened by the
/// screening date, so the same person reads consistently month after month. Reused between people: no allocation.
/// </summary>
internal sealed class PersonHistory
{
    private static readonly DateOnly IppFirst = new(2005, 4, 4);
    private static readonly DateOnly IppLast = new(2012, 12, 2);
    private static readonly double ThresholdRoshMedium = Normal.Quantile(1 - Model.RoshMediumOrAbove);
    private static readonly double ThresholdRoshHigh = Normal.Quantile(1 - Model.RoshHighOrAbove);
    private static readonly double ThresholdRoshVeryHigh = Normal.Quantile(1 - Model.RoshVeryHigh);
    private static readonly double ThresholdMappa = Normal.Quantile(1 - Model.MappaMember);
    private static readonly double ThresholdMappa2 = Normal.Quantile(1 - Model.MappaLevel2OrAbove);
    private static readonly double ThresholdMappa3 = Normal.Quantile(1 - Model.MappaLevel3);
    private static readonly double[] Thresholds =
    [
        0, 0,
        Normal.Quantile(1 - Model.OpdScreenedIn),
        Normal.Quantile(1 - Model.MentalHealth),
        Normal.Quantile(1 - Model.SelfHarm),
        Normal.Quantile(1 - Model.LearningDifficulties),
        Normal.Quantile(1 - Model.AlcoholNeed),
        Normal.Quantile(1 - Model.DrugNeed),
    ];

    private const int MaxAssessments = 31;

    public readonly List<RegistrationRecord> Registrations = new(16);
    public readonly List<AssessmentRecord> Assessments = new(MaxAssessments);
    public readonly List<SentenceRecord> Sentences = new(8);
    public readonly List<OpdRecord> OpdScreenings = new(16);

    private readonly double[] _base = new double[Model.TraitCount];
    private readonly double[] _previous = new double[Model.TraitCount];
    private readonly double[] _current = new double[Model.TraitCount];
    private readonly DateOnly[] _assessmentDates = new DateOnly[MaxAssessments];
    private readonly TraitState[] _states = new TraitState[MaxAssessments];

    public char Gender;
    public string Forename = "";
    public string Surname = "";
    public DateOnly DateOfBirth;
    public bool LimitedAccess;
    public DateOnly AllocatedOn;

    public void Build(in Occupant occupant, long personNumber)
    {
        Registrations.Clear();
        Assessments.Clear();
        Sentences.Clear();
        OpdScreenings.Clear();

        var core = occupant.Core;
        var rng = core.Rng;
        var start = occupant.Start;
        var end = occupant.End;
        var custodial = core.Type is SentenceType.SDS or SentenceType.EDS or SentenceType.LIFE or SentenceType.IPP or SentenceType.DPP or SentenceType.SOPC;

        for (var i = 0; i < Model.TraitCount; i++) _base[i] = rng.NextNormal();

        BuildIdentity(ref rng, start);

        // OASys assessments: an optional one from an earlier period, the first of this supervision, then reviews.
        var never = rng.Chance(Model.NeverAssessed);
        var hasPrior = rng.Chance(Model.PriorPeriodAssessment);
        var lapses = rng.Chance(Model.ReviewsLapse);
        var count = 0;
        var priorDate = start.AddDays(-rng.Between(200, 1500));
        var firstDate = custodial ? start.AddDays(rng.Between(-60, 30)) : start.AddDays(rng.Between(-21, 50));
        if (!never)
        {
            var date = firstDate;
            while (count < MaxAssessments && date < end)
            {
                _assessmentDates[count++] = date;
                if (lapses) break;
                date = date.AddDays(rng.Between(Model.ReviewMinDays, Model.ReviewMaxDays));
            }
        }

        // Trait states: the first assessment of this supervision shows the base state; each review may change traits.
        _base.CopyTo(_previous, 0);
        var baseState = State(core, _base);
        for (var k = 0; k < count; k++)
        {
            if (k == 0) _base.CopyTo(_current, 0);
            else
            {
                for (var i = 0; i < Model.TraitCount; i++)
                    _current[i] = rng.Chance(Model.Persistence[i]) ? _previous[i] : rng.NextNormal();
            }
            _states[k] = State(core, _current);
            _current.CopyTo(_previous, 0);
        }

        // Ids grow with time, as OASys ids do: the earlier-period assessment first, then this supervision's.
        var idBase = 1_000_000_000L + (personNumber * 32);
        if (hasPrior)
        {
            for (var i = 0; i < Model.TraitCount; i++)
                _current[i] = rng.Chance(Model.Persistence[i]) ? _base[i] : rng.NextNormal();
            var priorState = State(core, _current);
            Assessments.Add(MakeAssessment(ref rng, idBase, priorDate, priorState));
            if (rng.Chance(0.5)) OpdScreenings.Add(MakeOpd(ref rng, priorDate.AddDays(rng.Between(0, 28)), priorState));
        }
        for (var k = 0; k < count; k++) Assessments.Add(MakeAssessment(ref rng, idBase + 1 + k, _assessmentDates[k], _states[k]));

        BuildRegistrations(ref rng, core, start, end, count, baseState);
        BuildOpd(ref rng, start, count, baseState);
        BuildSentences(ref rng, core, start, end);
    }

    private void BuildIdentity(ref Rng rng, DateOnly start)
    {
        var g = rng.NextDouble();
        Gender = g < 0.875 ? 'M' : g < 0.995 ? 'F' : 'X';
        var list = Gender switch
        {
            'M' => rng.Chance(0.03) ? Names.Neutral : Names.Male,
            'F' => rng.Chance(0.03) ? Names.Neutral : Names.Female,
            _ => Names.Neutral,
        };
        Forename = list[rng.Next(list.Length)];
        Surname = Names.Surnames[rng.Next(Names.Surnames.Length)];
        if (rng.Chance(0.02)) Surname = Surname + "-" + Names.Surnames[rng.Next(Names.Surnames.Length)];
        var age = 18 + Math.Min(62, (int)(-Math.Log(1 - rng.NextDouble()) * 15));
        DateOfBirth = start.AddYears(-age).AddDays(-rng.Next(365));
        LimitedAccess = rng.Chance(Model.LimitedAccess);
        var a = rng.NextDouble();
        var delay = a < 0.70 ? rng.Between(0, 5) : a < 0.95 ? rng.Between(6, 30) : rng.Between(31, 90);
        AllocatedOn = rng.Chance(Model.LongTermUnallocated) ? DateOnly.MaxValue : start.AddDays(delay);
    }

    private static TraitState State(in PersonCore core, double[] individual)
    {
        var state = new TraitState();
        var rosh = Liability(core, Trait.Rosh, individual);
        state.Rosh = rosh >= ThresholdRoshVeryHigh ? 4 : rosh >= ThresholdRoshHigh ? 3 : rosh >= ThresholdRoshMedium ? 2 : 1;
        var mappa = Liability(core, Trait.Mappa, individual);
        state.MappaLevel = mappa >= ThresholdMappa3 ? 3 : mappa >= ThresholdMappa2 ? 2 : mappa >= ThresholdMappa ? 1 : 0;
        state.Opd = Liability(core, Trait.Opd, individual) >= Thresholds[(int)Trait.Opd];
        state.MentalHealth = Liability(core, Trait.MentalHealth, individual) >= Thresholds[(int)Trait.MentalHealth];
        state.SelfHarm = Liability(core, Trait.SelfHarm, individual) >= Thresholds[(int)Trait.SelfHarm];
        state.LearningDifficulties = Liability(core, Trait.LearningDifficulties, individual) >= Thresholds[(int)Trait.LearningDifficulties];
        state.Alcohol = Liability(core, Trait.Alcohol, individual) >= Thresholds[(int)Trait.Alcohol];
        state.Drugs = Liability(core, Trait.Drugs, individual) >= Thresholds[(int)Trait.Drugs];
        return state;
    }

    private static readonly double[] IndividualLoading = [.. Enumerable.Range(0, Model.TraitCount).Select(t =>
        Math.Sqrt(Math.Max(0, 1 - (Model.Loading((Trait)t) * Model.Loading((Trait)t)) - (Model.ClusterLoading[t] * Model.ClusterLoading[t]))))];
    private static readonly double[] GeneralLoading = [.. Enumerable.Range(0, Model.TraitCount).Select(t => Model.Loading((Trait)t))];

    private static double Liability(in PersonCore core, Trait trait, double[] individual)
    {
        var t = (int)trait;
        var cluster = Model.InRiskCluster[t] ? core.RiskFactor : core.HealthFactor;
        return (GeneralLoading[t] * core.Z) + (Model.ClusterLoading[t] * cluster) + (IndividualLoading[t] * individual[t]);
    }

    private static Flag MaybeEmpty(ref Rng rng, bool value, double emptyChance) =>
        rng.Chance(emptyChance) ? Flag.Unknown : value ? Flag.Yes : Flag.No;

    private static AssessmentRecord MakeAssessment(ref Rng rng, long id, DateOnly date, in TraitState state)
    {
        var record = new AssessmentRecord
        {
            Id = id,
            CompletedOn = date,
            Rosh = rng.Chance(Model.RoshOverallEmpty) ? (byte)0 : (byte)state.Rosh,
            LearningDifficulties = MaybeEmpty(ref rng, state.LearningDifficulties, Model.FlagEmpty),
            MentalHealth = MaybeEmpty(ref rng, state.MentalHealth, Model.FlagEmpty),
            SelfHarm = MaybeEmpty(ref rng, state.SelfHarm, Model.FlagEmpty),
        };
        var oldStyle = rng.Chance(Model.SubstanceFlagsEmpty);
        record.AlcoholNeed = oldStyle ? Flag.Unknown : MaybeEmpty(ref rng, state.Alcohol, Model.FlagEmpty);
        record.DrugNeed = oldStyle ? Flag.Unknown : MaybeEmpty(ref rng, state.Drugs, Model.FlagEmpty);
        // Section scores agree with the need (alcohol need from 4, drugs from 2, the pilot thresholds).
        record.AlcoholScore = rng.Chance(Model.ScoreMissing) ? (sbyte)-1 : (sbyte)(state.Alcohol ? rng.Between(4, 10) : rng.Between(0, 3));
        record.DrugScore = rng.Chance(Model.ScoreMissing) ? (sbyte)-1 : (sbyte)(state.Drugs ? rng.Between(2, 10) : rng.Between(0, 1));
        return record;
    }

    private static OpdRecord MakeOpd(ref Rng rng, DateOnly date, in TraitState state)
    {
        var overrideIn = state.Opd && rng.Chance(Model.OpdOverrideShare);
        return new OpdRecord
        {
            ScreenedOn = date,
            ScreenedIn = state.Opd && !overrideIn,
            Override = overrideIn ? Flag.Yes : rng.Chance(0.5) ? Flag.No : Flag.Unknown,
        };
    }

    private void BuildOpd(ref Rng rng, DateOnly start, int count, in TraitState baseState)
    {
        if (!rng.Chance(Model.OpdScreened)) return;
        if (count == 0)
        {
            OpdScreenings.Add(MakeOpd(ref rng, start.AddDays(rng.Between(0, 120)), baseState));
            return;
        }
        for (var k = 0; k < count; k++)
        {
            if (k > 0 && !rng.Chance(Model.OpdRescreenAtReview)) continue;
            OpdScreenings.Add(MakeOpd(ref rng, _assessmentDates[k].AddDays(rng.Between(0, 28)), _states[k]));
        }
    }

    private void AddRegistration(Register code, DateOnly on, DateOnly off, sbyte level = -1, byte category = 0) =>
        Registrations.Add(new RegistrationRecord { Code = code, RegisteredOn = on, DeregisteredOn = off, Level = level, Category = category });

    private void BuildRegistrations(ref Rng rng, in PersonCore core, DateOnly start, DateOnly end, int count, in TraitState baseState)
    {
        var custodial = core.Type is SentenceType.SDS or SentenceType.EDS or SentenceType.LIFE or SentenceType.IPP or SentenceType.DPP or SentenceType.SOPC;

        // RoSH register: set at the first assessment and changed when a review changes the level.
        if (rng.Chance(Model.HasRoshRegister))
        {
            var on = count > 0 ? _assessmentDates[0] : start.AddDays(rng.Between(0, 21));
            var level = count > 0 ? _states[0].Rosh : baseState.Rosh;
            var first = Registrations.Count;
            if (level > 1 && rng.Chance(Model.RoshSameDayDuplicate))
                AddRegistration((Register)(level - 2), on, end);   // same-day lower entry: the higher one decides
            AddRegistration((Register)(level - 1), on, end);
            for (var k = 1; k < count; k++)
            {
                if (_states[k].Rosh == level) continue;
                var date = _assessmentDates[k];
                if (!rng.Chance(Model.RoshForgotToDeregister))
                {
                    for (var r = first; r < Registrations.Count; r++)
                    {
                        var reg = Registrations[r];
                        if (reg.DeregisteredOn == end) { reg.DeregisteredOn = date; Registrations[r] = reg; }
                    }
                }
                level = _states[k].Rosh;
                AddRegistration((Register)(level - 1), date, end);
            }
        }

        // MAPPA: membership (category) fixed for the supervision; the level follows reviews.
        if (baseState.MappaLevel > 0)
        {
            var c = rng.NextDouble();
            var category = baseState.MappaLevel >= 2
                ? (byte)(c < 0.30 ? 1 : c < 0.85 ? 2 : c < 0.97 ? 3 : 4)
                : (byte)(c < 0.55 ? 1 : c < 0.95 ? 2 : c < 0.99 ? 3 : 4);
            var on = custodial ? start.AddDays(-rng.Between(30, 365)) : start.AddDays(rng.Between(0, 60));
            var level = Math.Max(1, count > 0 ? _states[0].MappaLevel : baseState.MappaLevel);
            var index = Registrations.Count;
            AddRegistration(Register.MAPP, on, end, (sbyte)level, category);
            for (var k = 1; k < count; k++)
            {
                var next = Math.Max(1, _states[k].MappaLevel);
                if (next == level || _assessmentDates[k] <= on) continue;
                var reg = Registrations[index];
                reg.DeregisteredOn = _assessmentDates[k];
                Registrations[index] = reg;
                level = next;
                index = Registrations.Count;
                AddRegistration(Register.MAPP, _assessmentDates[k], end, (sbyte)level, category);
            }
        }
        else if (rng.Chance(Model.MappaNominal))
        {
            AddRegistration(Register.MAPP, start.AddDays(rng.Between(0, 60)), end, 0, 9);
        }

        AddEpisodicRegister(ref rng, start, end,
            baseState.MentalHealth ? Model.MentalHealthRegisterIfTrait : Model.MentalHealthRegisterWithoutTrait,
            rng.Chance(0.55) ? Register.AMHL : Register.RMDO, Model.MentalHealthRegisterEnds, -365, 180);
        AddEpisodicRegister(ref rng, start, end,
            baseState.SelfHarm ? Model.SelfHarmRegisterIfTrait : Model.SelfHarmRegisterWithoutTrait,
            Register.ALSH, Model.SelfHarmRegisterEnds, -180, 360);
        AddEpisodicRegister(ref rng, start, end, 0.04, Register.INLL, 0.05, -730, 60);
        AddEpisodicRegister(ref rng, start, end, 0.08, Register.RVLN, 0.20, -60, 120);
        AddEpisodicRegister(ref rng, start, end, 0.06, Register.RCCO, 0.30, -30, 360);
        AddEpisodicRegister(ref rng, start, end, 0.02, Register.RCPR, 0.40, 0, 360);
    }

    private void AddEpisodicRegister(ref Rng rng, DateOnly start, DateOnly end, double chance, Register code, double endsChance, int fromDays, int toDays)
    {
        if (!rng.Chance(chance)) return;
        var on = start.AddDays(rng.Between(fromDays, toDays));
        var off = end;
        if (rng.Chance(endsChance))
        {
            var candidate = on.AddDays(rng.Between(60, 720));
            if (candidate < end) off = candidate;
        }
        if (on >= end) return;
        AddRegistration(code, on, off);
    }

    private void BuildSentences(ref Rng rng, in PersonCore core, DateOnly start, DateOnly end)
    {
        // Earlier events, newest first, then renumbered in date order.
        Span<SentenceRecord> previous = stackalloc SentenceRecord[4];
        var previousCount = 0;
        if (rng.Chance(Model.PreviousEvents))
        {
            var n = rng.Between(1, 3);
            var cursor = start.AddDays(-rng.Between(30, 400));
            for (var i = 0; i < n; i++)
            {
                var p = rng.NextDouble();
                var type = p < 0.40 ? SentenceType.CO : p < 0.65 ? SentenceType.SSO : p < 0.95 ? SentenceType.SDS : SentenceType.OTHER;
                var sentenced = cursor.AddDays(-rng.Between(180, 1000));
                previous[previousCount++] = new SentenceRecord { Type = type, SentencedOn = sentenced, TerminatedOn = cursor };
                cursor = sentenced.AddDays(-rng.Between(30, 900));
            }
        }
        if (rng.Chance(Model.TerminatedIppInHistory) && core.Type is not (SentenceType.IPP or SentenceType.DPP))
        {
            var terminated = start.AddDays(-rng.Between(30, 700));
            var sentenced = IppSentenceDate(ref rng, terminated.AddDays(-1095));
            if (sentenced < terminated)
                previous[previousCount++] = new SentenceRecord { Type = SentenceType.IPP, SentencedOn = sentenced, TerminatedOn = terminated };
        }
        previous[..previousCount].Sort(static (x, y) => x.SentencedOn.CompareTo(y.SentencedOn));
        for (var i = 0; i < previousCount; i++)
        {
            previous[i].EventNumber = i + 1;
            Sentences.Add(previous[i]);
        }

        var primarySentenced = core.Type switch
        {
            SentenceType.CO or SentenceType.SSO or SentenceType.OTHER => start.AddDays(-rng.Between(0, 14)),
            SentenceType.SDS or SentenceType.SOPC => start.AddDays(-rng.Between(90, 1460)),
            SentenceType.EDS => start.AddDays(-rng.Between(730, 3650)),
            SentenceType.LIFE => start.AddDays(-rng.Between(3650, 9125)),
            _ => IppSentenceDate(ref rng, start.AddDays(-365)),
        };
        Sentences.Add(new SentenceRecord { EventNumber = previousCount + 1, Type = core.Type, SentencedOn = primarySentenced, TerminatedOn = end });

        if (rng.Chance(Model.ConcurrentEvent))
        {
            var length = end.DayNumber - start.DayNumber;
            if (length > 60)
            {
                var sentenced = start.AddDays(rng.Between(30, length - 1));
                var p = rng.NextDouble();
                var type = p < 0.60 ? SentenceType.CO : p < 0.85 ? SentenceType.SSO : SentenceType.SDS;
                var terminated = sentenced.AddDays(rng.Between(365, 730));
                if (terminated > end) terminated = end;
                Sentences.Add(new SentenceRecord { EventNumber = previousCount + 2, Type = type, SentencedOn = sentenced, TerminatedOn = terminated });
            }
        }
    }

    /// <summary>IPP/DPP sentences were passed from 4 April 2005 to 2 December 2012; later dates are impossible.</summary>
    private static DateOnly IppSentenceDate(ref Rng rng, DateOnly latest)
    {
        var last = latest < IppLast ? latest : IppLast;
        if (last <= IppFirst) return latest.AddDays(-rng.Between(0, 1095));
        return IppFirst.AddDays(rng.Next(last.DayNumber - IppFirst.DayNumber + 1));
    }
}
