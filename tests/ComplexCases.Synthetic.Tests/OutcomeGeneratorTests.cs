using System.Security.Cryptography;
using ComplexCases.Domain.Evaluation;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Screening;
using ComplexCases.Extracts.Outcomes;
using ComplexCases.Extracts.Reading;
using ComplexCases.TestSupport.Screening;

namespace ComplexCases.Synthetic.Tests;

public sealed class OutcomeGeneratorTests : IDisposable
{
    private static readonly GeneratorOptions Options = new(20_000, 7, 9, new DateOnly(2024, 6, 30), Presets.EastOfEngland);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Write(GeneratorOptions options, string name)
    {
        var folder = Path.Combine(_folder.Path, name);
        OutcomeGenerator.Write(options, folder);
        return Path.Combine(folder, OutcomeGenerator.FileName);
    }

    [Fact]
    public void Write_SameOptions_SameBytes_AnotherSeed_OtherOutcomes()
    {
        var small = Options with { People = 3000 };
        var first = SHA256.HashData(File.ReadAllBytes(Write(small, "a")));
        var again = SHA256.HashData(File.ReadAllBytes(Write(small, "b")));
        var otherSeed = SHA256.HashData(File.ReadAllBytes(Write(small with { Seed = 10 }, "c")));

        again.ShouldBe(first);
        otherSeed.ShouldNotBe(first);
    }

    [Fact]
    public void Outcomes_ReadByTheImporter_AllAccepted_WithinTheMonths_AllTypes()
    {
        var (result, error) = OutcomesReader.Read(Write(Options, "read"));

        error.ShouldBeNull();
        result!.RowsRejected.ShouldBe(0);
        result.Duplicates.ShouldBe(0);
        result.Outcomes.ShouldAllBe(o => o.OccurredOn >= new DateOnly(2023, 12, 30) && o.OccurredOn <= Options.AsOf);
        result.Outcomes.Select(o => o.Type).Distinct().Order().ShouldBe(OutcomeTypes.All);
        // Deaths end a person's outcomes.
        foreach (var person in result.Outcomes.GroupBy(o => o.Crn))
        {
            var death = person.Where(o => o.Type == OutcomeType.Death).Select(o => (DateOnly?)o.OccurredOn).Min();
            if (death is { } d) person.ShouldAllBe(o => o.OccurredOn <= d);
        }
    }

    [Fact]
    public void Outcomes_RiseWithTheNumberOfCriteriaMet()
    {
        // The first month's people, screened with the pilot definition; outcomes in the six months after.
        var month = PopulationGenerator.Generate(Options, _folder.Path)[0];
        var caseload = ExtractReader.Read(month.Folder).Result!.Caseload;
        var outcomes = OutcomesReader.Read(Write(Options, "risk")).Result!.Outcomes
            .Where(o => o.Type != OutcomeType.Death && o.OccurredOn > month.AsOf && o.OccurredOn <= month.AsOf.AddMonths(6))
            .Select(o => o.Crn).ToHashSet();
        var screener = new Screener(TestDefinitions.Pilot(), month.AsOf);
        var byScore = new (int People, int WithOutcome)[9];
        for (var i = 0; i < caseload.Count; i++)
        {
            var score = screener.Evaluate(caseload.RecordsOf(i)).Score;
            byScore[score].People++;
            if (outcomes.Contains(caseload[i].Crn)) byScore[score].WithOutcome++;
        }
        double Rate(int from, int to) =>
            (double)byScore[from..(to + 1)].Sum(b => b.WithOutcome) / byScore[from..(to + 1)].Sum(b => b.People);

        Rate(0, 1).ShouldBeLessThan(Rate(2, 3));
        Rate(2, 3).ShouldBeLessThan(Rate(4, 8));
        (Rate(4, 8) / Rate(0, 1)).ShouldBeGreaterThan(1.5, "people meeting more criteria have clearly more outcomes");
    }
}
