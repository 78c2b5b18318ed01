using ComplexCases.Extracts.Reading;

namespace ComplexCases.Synthetic.Tests;

public class DefectTests
{
    [Fact]
    public void Generate_DefectRateTwoPercent_ImporterRejectsExactlyTheDefectRowsForEveryReason()
    {
        using var temp = new TempFolder();

        var month = PopulationGenerator.Generate(new GeneratorOptions(8_000, 1, 99, new DateOnly(2024, 9, 30), DefectRate: 0.02), temp.Path).ShouldHaveSingleItem();
        var outcome = ExtractReader.Read(month.Folder);

        outcome.Succeeded.ShouldBeTrue(outcome.Error?.Message);
        var result = outcome.Result;
        result.RowsRead.ShouldBe(month.Rows);
        result.RowsRejected.ShouldBe(month.DefectRows);
        (month.DefectRows / (double)month.Rows).ShouldBeInRange(0.01, 0.04);
        result.Rejections.Select(r => r.Reason).Distinct().Order().ShouldBe(Enum.GetValues<RejectionReason>());
        result.Files.ShouldAllBe(f => f.RowsRejected > 0 && f.RowsRead == f.RowsAccepted + f.RowsRejected);
        result.Caseload.Count.ShouldBeInRange(7_800, 8_000);
    }

    [Fact]
    public void Generate_NoDefects_NoDefectRows()
    {
        using var temp = new TempFolder();

        var month = PopulationGenerator.Generate(new GeneratorOptions(2_000, 1, 99, new DateOnly(2024, 9, 30)), temp.Path).ShouldHaveSingleItem();

        month.DefectRows.ShouldBe(0);
    }
}
