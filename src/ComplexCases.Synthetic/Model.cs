namespace ComplexCases.Synthetic;

/// <summary>Sentence types as sentences.csv spells them.</summary>
internal enum SentenceType : byte
{
    CO, SSO, SDS, EDS, LIFE, IPP, DPP, SOPC, OTHER,
}

/// <summary>The liabilities of the latent model, one per criterion-related trait (IPP is decided with the sentence).</summary>
internal enum Trait
{
    Rosh, Mappa, Opd, MentalHealth, SelfHarm, LearningDifficulties, Alcohol, Drugs,
}

/// <summary>
/// Every tunable number of the synthetic population in one place. docs/synthetic-data.md lists them with
/// their sources; "EST" ones have no public figure and were tuned so that the measured caseload matches
/// population-figures.md (in particular 0.3%–0.6% meeting six or more of the eight pilot criteria).
/// </summary>
internal static class Model
{
    public const int TraitCount = 8;

    // ---- Supervision: sentence mix on the caseload and how long each kind of supervision lasts ----
    // Caseload shares (MoJ OMSQ order/licence mix; IPP 1.2% from HL5974; LIFE ≈3% from licence statistics; rest EST).
    // Durations are uniform [min, max] days (EST). Starters are drawn in proportion share / mean duration,
    // so that the stationary caseload shows the shares (long sentences stay on the caseload longer).
    public static readonly SentenceType[] Types = Enum.GetValues<SentenceType>();
    public static readonly double[] CaseloadShare = [30.0, 17.0, 35.0, 3.0, 3.0, 1.1, 0.1, 0.5, 10.3];
    public static readonly int[] MinDays = [365, 365, 180, 1095, 1825, 1095, 1095, 365, 365];
    public static readonly int[] MaxDays = [1095, 730, 2190, 2920, 5475, 3650, 3650, 1095, 1095];
    public static readonly int LongestSupervisionDays = MaxDays.Max();

    public static readonly string[] TypeDescriptions =
    [
        "Community Order", "Suspended Sentence Order", "Standard Determinate Sentence (licence)",
        "Extended Determinate Sentence", "Life Sentence", "Imprisonment for Public Protection",
        "Detention for Public Protection", "Sentence for Offenders of Particular Concern", "Post Sentence Supervision",
    ];

    /// <summary>Share of IPP-type starters whose sentence is DPP (the under-18 form).</summary>
    public const double DppShareOfIpp = 0.08;

    // ---- Latent complexity (EST, tuned) ----
    // Liability of trait c: a_c·z + b_c·g(cluster) + sqrt(1 − a_c² − b_c²)·e_c, all standard normal, so the trait's
    // marginal rate is exactly its target while z (general complexity) and the risk / health cluster factors make the
    // criteria cluster the way population-figures.md describes.
    /// <summary>The calibration knob: scales every general loading. 0.52 gives ≈0.45% meeting six or more (see the docs).</summary>
    public const double GeneralLoadingScale = 0.54;
    public static readonly double[] GeneralLoading = [0.72, 0.72, 0.72, 0.62, 0.64, 0.50, 0.45, 0.52];
    public static readonly double[] ClusterLoading = [0.35, 0.35, 0.35, 0.40, 0.40, 0.25, 0.35, 0.35];
    public static readonly bool[] InRiskCluster = [true, true, true, false, false, false, false, false];
    public const double IppGeneralLoading = 0.75;
    public const double IppClusterLoading = 0.35;

    /// <summary>Chance that a trait keeps its individual part from one assessment to the next (else redrawn): month-to-month churn.</summary>
    public static readonly double[] Persistence = [0.85, 0.90, 0.85, 0.85, 0.80, 0.97, 0.85, 0.85];

    // Trait rates among people starting supervision (caseload rates come out close; see the docs for measured values).
    public const double RoshMediumOrAbove = 0.70;
    public const double RoshHighOrAbove = 0.12;
    public const double RoshVeryHigh = 0.010;
    public const double MappaMember = 0.08;       // any MAPP registration (category 1–4), level 1 mostly
    public const double MappaLevel2OrAbove = 0.0075;
    public const double MappaLevel3 = 0.0008;
    public const double OpdScreenedIn = 0.16;
    public const double MentalHealth = 0.39;
    public const double SelfHarm = 0.25;
    public const double LearningDifficulties = 0.18;
    public const double AlcoholNeed = 0.24;
    public const double DrugNeed = 0.40;

    // ---- Registers (EST) ----
    public const double HasRoshRegister = 0.85;
    public const double RoshForgotToDeregister = 0.04;
    public const double RoshSameDayDuplicate = 0.015;
    public const double MappaNominal = 0.005;
    public const double MentalHealthRegisterIfTrait = 0.30;
    public const double MentalHealthRegisterWithoutTrait = 0.03;
    public const double MentalHealthRegisterEnds = 0.20;
    public const double SelfHarmRegisterIfTrait = 0.35;
    public const double SelfHarmRegisterWithoutTrait = 0.02;
    public const double SelfHarmRegisterEnds = 0.30;

    // ---- OASys assessments (EST: coverage 85–90% within two years) ----
    public const double NeverAssessed = 0.06;
    public const double PriorPeriodAssessment = 0.30;
    public const double ReviewsLapse = 0.15;
    public const int ReviewMinDays = 183;
    public const int ReviewMaxDays = 365;
    public const double FlagEmpty = 0.03;
    public const double RoshOverallEmpty = 0.02;
    public const double SubstanceFlagsEmpty = 0.10;   // older assessments: need left empty, score decides
    public const double ScoreMissing = 0.10;

    // ---- OPD pathway (EST) ----
    public const double OpdScreened = 0.92;
    public const double OpdRescreenAtReview = 0.75;
    public const double OpdOverrideShare = 0.12;      // of screened-in people, share recorded as SCREENED_OUT with override Y

    // ---- Sentences (EST) ----
    public const double PreviousEvents = 0.45;
    public const double ConcurrentEvent = 0.10;
    public const double TerminatedIppInHistory = 0.003;

    // ---- Allocation and access (EST) ----
    public const double LongTermUnallocated = 0.007;
    public const double LimitedAccess = 0.004;
    public const double CaseloadPerPractitioner = 36.0;   // 35.2 (WMT, Jul 2023–Jun 2024)
    public const int PractitionersPerSpo = 10;            // 8–12 (EST; HMIP SPO thematic 2024)

    public static readonly double[] StarterCumulative;
    public static readonly double StarterIppShare;
    public static readonly double MeanStarterDurationDays;
    public static readonly double IppThreshold;

    static Model()
    {
        var weights = new double[Types.Length];
        double total = 0, durationSum = 0;
        for (var i = 0; i < Types.Length; i++)
        {
            var mean = (MinDays[i] + MaxDays[i]) / 2.0;
            weights[i] = CaseloadShare[i] / mean;
            total += weights[i];
            durationSum += weights[i] * mean;
        }
        MeanStarterDurationDays = durationSum / total;
        StarterIppShare = (weights[(int)SentenceType.IPP] + weights[(int)SentenceType.DPP]) / total;
        IppThreshold = Normal.Quantile(1 - StarterIppShare);
        // Non-IPP starters: the other types in proportion.
        StarterCumulative = new double[Types.Length];
        double running = 0;
        for (var i = 0; i < Types.Length; i++)
        {
            if (Types[i] is not (SentenceType.IPP or SentenceType.DPP)) running += weights[i];
            StarterCumulative[i] = running;
        }
    }

    public static double Loading(Trait trait) => Math.Min(0.95, GeneralLoading[(int)trait] * GeneralLoadingScale);
}
