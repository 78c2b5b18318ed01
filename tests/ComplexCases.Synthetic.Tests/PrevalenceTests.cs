using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.Screening;
using ComplexCases.Extracts.Reading;
using ComplexCases.TestSupport.Screening;

namespace ComplexCases.Synthetic.Tests;

/// <summary>50,000 people nationally on one screening date, read with the real importer.</summary>
public sealed class FiftyThousandNationally : IDisposable
{
    private readonly TempFolder _folder = new();

    public FiftyThousandNationally()
    {
        Month = PopulationGenerator.Generate(new GeneratorOptions(50_000, 1, 5, new DateOnly(2024, 9, 30)), _folder.Path).Single();
        var outcome = ExtractReader.Read(Month.Folder);
        Caseload = outcome.Result?.Caseload ?? throw new InvalidOperationException(outcome.Error?.Message);
    }

    public GeneratedMonth Month { get; }

    public Caseload Caseload { get; }

    public void Dispose() => _folder.Dispose();
}

public class PrevalenceTests(FiftyThousandNationally extract) : IClassFixture<FiftyThousandNationally>
{
    [Fact]
    public void Evaluate_FiftyThousandPeople_SixOrMoreCriteriaMetByPointThreeToPointSixPercent()
    {
        var (complex, possibly, _) = Tally();

        (complex / (double)extract.Caseload.Count).ShouldBeInRange(0.003, 0.006);
        (possibly / (double)extract.Caseload.Count).ShouldBeInRange(0.001, 0.02, "missing or stale assessments leave a modest share possibly complex");
    }

    [Fact]
    public void Evaluate_FiftyThousandPeople_EachCriterionNearThePublishedRate()
    {
        var (_, _, met) = Tally();
        double Rate(int criterion) => met[criterion] / (double)extract.Caseload.Count;

        Rate(0).ShouldBeInRange(0.10, 0.15);   // rosh: high or very high
        Rate(1).ShouldBeInRange(0.33, 0.42);   // mental health (≈39% of those with an assessment)
        Rate(2).ShouldBeInRange(0.20, 0.30);   // self-harm
        Rate(3).ShouldBeInRange(0.10, 0.30);   // learning difficulties
        Rate(4).ShouldBeInRange(0.002, 0.012); // MAPPA level 2/3
        Rate(5).ShouldBeInRange(0.12, 0.17);   // OPD screened in
        Rate(6).ShouldBeInRange(0.38, 0.55);   // alcohol and/or drugs
        Rate(7).ShouldBeInRange(0.009, 0.015); // IPP/DPP
    }

    [Fact]
    public void Evaluate_FiftyThousandPeople_EightyFiveToNinetyPercentAssessedWithinTwoYears()
    {
        var d = extract.Month.AsOf;
        var covered = 0;
        for (var i = 0; i < extract.Caseload.Count; i++)
        {
            foreach (var a in extract.Caseload.RecordsOf(i).Assessments)
            {
                if (a.CompletedOn <= d && a.CompletedOn >= d.AddMonths(-24)) { covered++; break; }
            }
        }

        (covered / (double)extract.Caseload.Count).ShouldBeInRange(0.85, 0.90);
    }

    [Fact]
    public void Evaluate_FiftyThousandPeople_TheProductionScreenerAgreesWithThisReadingOfTheCriteria()
    {
        var d = extract.Month.AsOf;
        var screener = new Screener(TestDefinitions.Pilot(), d);
        var disagreements = new List<string>();
        for (var i = 0; i < extract.Caseload.Count; i++)
        {
            var records = extract.Caseload.RecordsOf(i);
            var mine = PilotCriteria.Evaluate(records, d);
            var theirs = screener.Evaluate(records);
            for (var c = 0; c < PilotCriteria.Count; c++)
            {
                var expected = mine[c] switch
                {
                    PilotCriteria.Outcome.Met => CriterionOutcome.Met,
                    PilotCriteria.Outcome.Unknown => CriterionOutcome.Unknown,
                    _ => CriterionOutcome.NotMet,
                };
                if (theirs[(CriterionId)c] != expected && disagreements.Count < 10)
                    disagreements.Add($"{extract.Caseload[i].Crn} {PilotCriteria.Ids[c]}: screener {theirs[(CriterionId)c]}, criteria.md {expected}");
            }
        }

        disagreements.ShouldBeEmpty();
    }

    private (int Complex, int Possibly, int[] Met) Tally()
    {
        var d = extract.Month.AsOf;
        int complex = 0, possibly = 0;
        var met = new int[PilotCriteria.Count];
        for (var i = 0; i < extract.Caseload.Count; i++)
        {
            var outcomes = PilotCriteria.Evaluate(extract.Caseload.RecordsOf(i), d);
            for (var c = 0; c < outcomes.Length; c++) if (outcomes[c] == PilotCriteria.Outcome.Met) met[c]++;
            var (m, u) = PilotCriteria.Tally(outcomes);
            if (m >= PilotCriteria.Threshold) complex++;
            else if (m + u >= PilotCriteria.Threshold) possibly++;
        }
        return (complex, possibly, met);
    }
}
