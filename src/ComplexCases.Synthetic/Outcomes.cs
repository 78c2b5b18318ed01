using System.Globalization;
using System.Text;

namespace ComplexCases.Synthetic;

/// <summary>
/// The parameters of synthetic outcomes (docs/synthetic-data.md, "Outcomes"). Every figure is an estimate (EST): the
/// point is a plausible shape in which risk rises with complexity, so a definition's evaluation has something to find.
/// </summary>
internal static class OutcomeModel
{
    /// <summary>Outcomes a year per person under supervision, for an average person (multiplier 1).</summary>
    public const double RecallPerYearOnLicence = 0.22;
    public const double BreachPerYearCommunity = 0.18;
    public const double BreachPerYearLicence = 0.04;
    public const double FurtherOffencePerYear = 0.20;
    public const double SfoPerYear = 0.002;
    public const double DeathPerYear = 0.005;

    /// <summary>How strongly the latent factors raise the rate: multiplier exp(β·x − β²/2), mean 1 over people.</summary>
    public const double ComplexityLoading = 0.6;
    /// <summary>x for recall, breach and offences: general complexity z and the risk cluster.</summary>
    public const double RiskMixGeneral = 0.8, RiskMixCluster = 0.6;
    /// <summary>x for death under supervision: general complexity z and the health cluster.</summary>
    public const double HealthMixGeneral = 0.8, HealthMixCluster = 0.6;

    public static bool OnLicence(SentenceType type) => type is SentenceType.SDS or SentenceType.EDS or SentenceType.LIFE or SentenceType.IPP or SentenceType.DPP;
}

/// <summary>
/// Writes <c>outcomes.csv</c> (outcomes.md) for a generated population: each person's outcomes while under supervision,
/// from the first screening date to the last, drawn from their own seed (so the same options give the same file,
/// whatever the number of cores), with rates that rise with the person's latent complexity.
/// </summary>
public static class OutcomeGenerator
{
    public const string FileName = "outcomes.csv";
    private const string Header = "crn,occurred_on,type";
    private const ulong Stream = 0x0C7C_0E5C_0000UL;

    /// <summary>Writes <c>outcomes.csv</c> into <paramref name="outputDirectory"/>; returns the number of rows.</summary>
    public static int Write(GeneratorOptions options, string outputDirectory, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        var errors = GeneratorOptions.Validate(options);
        if (errors.Count > 0) throw new ArgumentException(string.Join(Environment.NewLine, errors), nameof(options));

        var dates = options.ScreeningDates();
        var plan = new CaseloadPlan(options, dates, ct);
        const int BlockSize = 4096;
        var blocks = new StringBuilder[(options.People + BlockSize - 1) / BlockSize];
        var counts = new int[blocks.Length];
        Parallel.For(0, blocks.Length, new ParallelOptions { CancellationToken = ct }, b =>
        {
            var text = new StringBuilder();
            var pdus = plan.Pdus;
            var p = 0;
            var end = Math.Min(options.People, (b + 1) * BlockSize);
            for (var slot = b * BlockSize; slot < end; slot++)
            {
                while (pdus[p].FirstSlot + pdus[p].SlotCount <= slot) p++;
                var timeline = new SlotTimeline(options.Seed, slot, dates[0]);
                var occupant = timeline.First;
                while (true)
                {
                    var crn = Domain.People.Crn.FromValue(plan.CrnValue(pdus[p].RegionIndex, plan.PersonNumber(slot, occupant.Ordinal))).ToString();
                    counts[b] += Draw(occupant, dates[0], dates[^1], crn, text);
                    if (occupant.End > dates[^1]) break;
                    occupant = timeline.Next();
                }
            }
            blocks[b] = text;
        });

        Directory.CreateDirectory(outputDirectory);
        using var file = new StreamWriter(Path.Combine(outputDirectory, FileName), append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        file.NewLine = "\n";
        file.WriteLine(Header);
        foreach (var block in blocks) file.Write(block);
        return counts.Sum();
    }

    /// <summary>One person's outcomes in [max(start, first), min(end, last)], in date order; death ends the list.</summary>
    private static int Draw(in Occupant occupant, DateOnly first, DateOnly last, string crn, StringBuilder text)
    {
        var from = occupant.Start > first ? occupant.Start : first;
        var until = occupant.End.AddDays(-1) < last ? occupant.End.AddDays(-1) : last;
        if (until < from) return 0;
        var core = occupant.Core;
        var rng = new Rng(occupant.Seed, Stream);
        var risk = Multiplier((OutcomeModel.RiskMixGeneral * core.Z) + (OutcomeModel.RiskMixCluster * core.RiskFactor),
            OutcomeModel.RiskMixGeneral, OutcomeModel.RiskMixCluster);
        var health = Multiplier((OutcomeModel.HealthMixGeneral * core.Z) + (OutcomeModel.HealthMixCluster * core.HealthFactor),
            OutcomeModel.HealthMixGeneral, OutcomeModel.HealthMixCluster);
        var licence = OutcomeModel.OnLicence(core.Type);
        (string Type, double PerYear)[] kinds =
        [
            ("DEATH", OutcomeModel.DeathPerYear * health),
            ("RECALL", licence ? OutcomeModel.RecallPerYearOnLicence * risk : 0),
            ("BREACH", (licence ? OutcomeModel.BreachPerYearLicence : OutcomeModel.BreachPerYearCommunity) * risk),
            ("FURTHER_OFFENCE", OutcomeModel.FurtherOffencePerYear * risk),
            ("SFO", OutcomeModel.SfoPerYear * risk * risk),
        ];
        var events = new List<(DateOnly On, string Type)>();
        var days = until.DayNumber - from.DayNumber + 1;
        foreach (var (type, perYear) in kinds)
        {
            // A Poisson process: exponential gaps between events. Every kind draws from the stream, so adding a kind
            // later changes nothing before it.
            var perDay = perYear / 365.25;
            var at = 0.0;
            while (true)
            {
                at += -Math.Log(1 - rng.NextDouble()) / Math.Max(perDay, 1e-12);
                if (at >= days) break;
                events.Add((from.AddDays((int)at), type));
            }
        }
        events.Sort((a, b) => a.On != b.On ? a.On.CompareTo(b.On) : string.CompareOrdinal(a.Type, b.Type));
        var death = events.FindIndex(e => e.Type == "DEATH");
        var n = 0;
        for (var i = 0; i < events.Count; i++)
        {
            var (on, type) = events[i];
            if (death >= 0 && on > events[death].On) break;
            if (i > 0 && events[i - 1] == events[i]) continue; // two of a kind on one day are one outcome
            text.Append(crn).Append(',').Append(on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',').Append(type).Append('\n');
            n++;
        }
        return n;
    }

    /// <summary>exp(β·x − β²·var(x)/2): log-normal with mean 1, so the loading changes who has outcomes, not how many.</summary>
    private static double Multiplier(double x, double a, double b)
    {
        var variance = (a * a) + (b * b);
        var beta = OutcomeModel.ComplexityLoading;
        return Math.Exp((beta * x) - (beta * beta * variance / 2));
    }
}
