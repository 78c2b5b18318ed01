namespace ComplexCases.Synthetic.Tests;

public class GeneratorOptionsTests
{
    private static readonly DateOnly AsOf = new(2024, 9, 30);

    [Fact]
    public void Validate_SensibleOptions_NoErrors()
    {
        GeneratorOptions.Validate(new GeneratorOptions(240_000, 6, 1, AsOf, "east-of-england", 0.02)).ShouldBeEmpty();
    }

    [Fact]
    public void Validate_EveryOptionOutOfRange_OnePreciseMessageEach()
    {
        var errors = GeneratorOptions.Validate(new GeneratorOptions(0, 61, 1, new DateOnly(1999, 12, 31), "mars", 1.5));

        errors.ShouldBe(
        [
            "--people must be between 1 and 5,000,000 (was 0).",
            "--months must be between 1 and 60 (was 61).",
            "--as-of must be between 2000-01-01 and 2099-12-31 (was 1999-12-31).",
            "--region must be one of east-of-england, national (was 'mars').",
            "--defects must be between 0 and 1 (was 1.5).",
        ]);
    }

    [Theory]
    [InlineData(5_000_001)]
    [InlineData(-3)]
    public void Validate_PeopleOutOfRange_NamesTheOption(int people)
    {
        GeneratorOptions.Validate(new GeneratorOptions(people, 1, 1, AsOf)).ShouldHaveSingleItem().ShouldStartWith("--people must be between 1 and 5,000,000");
    }

    [Fact]
    public void Validate_DefectRateNaN_Rejected()
    {
        GeneratorOptions.Validate(new GeneratorOptions(10, 1, 1, AsOf, DefectRate: double.NaN)).ShouldHaveSingleItem().ShouldStartWith("--defects");
    }

    [Fact]
    public void ScreeningDates_EndOfMonthAsOf_OneMonthApartClampedAndEndingAtAsOf()
    {
        var dates = new GeneratorOptions(10, 4, 1, new DateOnly(2024, 3, 31)).ScreeningDates();

        dates.ShouldBe([new DateOnly(2023, 12, 31), new DateOnly(2024, 1, 31), new DateOnly(2024, 2, 29), new DateOnly(2024, 3, 31)]);
    }

    [Fact]
    public void Generate_InvalidOptions_ThrowsWithEveryMessage()
    {
        using var temp = new TempFolder();

        var error = Should.Throw<ArgumentException>(() => PopulationGenerator.Generate(new GeneratorOptions(0, 0, 1, AsOf), temp.Path));

        error.Message.ShouldContain("--people must be between");
        error.Message.ShouldContain("--months must be between");
    }
}
