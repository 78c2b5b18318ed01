using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;

namespace ComplexCases.Synthetic.Tests;

public class PopulationGeneratorTests
{
    private static readonly DateOnly AsOf = new(2024, 3, 31);

    [Fact]
    public void Generate_SameSeed_ByteIdenticalFiles()
    {
        using var first = new TempFolder();
        using var second = new TempFolder();
        var options = new GeneratorOptions(3_000, 2, 7, AsOf, DefectRate: 0.01);

        PopulationGenerator.Generate(options, first.Path);
        PopulationGenerator.Generate(options, second.Path);

        var hashes = HashFiles(first.Path);
        hashes.Count.ShouldBe(12);
        HashFiles(second.Path).ShouldBe(hashes);
    }

    [Fact]
    public void Generate_DifferentSeed_DifferentFiles()
    {
        using var first = new TempFolder();
        using var second = new TempFolder();

        PopulationGenerator.Generate(new GeneratorOptions(2_000, 1, 7, AsOf), first.Path);
        PopulationGenerator.Generate(new GeneratorOptions(2_000, 1, 8, AsOf), second.Path);

        var a = HashFiles(first.Path);
        var b = HashFiles(second.Path);
        a.Keys.ShouldBe(b.Keys);
        foreach (var file in a.Keys) b[file].ShouldNotBe(a[file], file);
    }

    [Fact]
    public void Generate_FourMonths_OneFolderPerScreeningDateEndingAtAsOf()
    {
        using var temp = new TempFolder();

        var months = PopulationGenerator.Generate(new GeneratorOptions(4_000, 4, 3, AsOf, "east-of-england"), temp.Path);

        string[] expected = ["2023-12-31", "2024-01-31", "2024-02-29", "2024-03-31"];
        Directory.GetDirectories(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal).ShouldBe(expected);
        months.Select(m => m.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ShouldBe(expected);
        months[^1].AsOf.ShouldBe(AsOf);
        foreach (var month in months)
        {
            month.Folder.ShouldBe(Path.Combine(temp.Path, month.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            Directory.GetFiles(month.Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal)
                .ShouldBe(["assessments.csv", "opd_screenings.csv", "people.csv", "registrations.csv", "sentences.csv", "staff.csv"]);
            var people = File.ReadLines(Path.Combine(month.Folder, "people.csv")).Count() - 1;
            people.ShouldBeInRange(3_800, 4_200);
            month.People.ShouldBe(people);
            month.DefectRows.ShouldBe(0);
            var rows = Directory.GetFiles(month.Folder).Sum(f => File.ReadLines(f).Count() - 1);
            month.Rows.ShouldBe(rows);
        }
    }

    [Fact]
    public void Generate_WithProgress_ReportsEveryMonth()
    {
        using var temp = new TempFolder();
        var reports = new ConcurrentQueue<GenerationProgress>();

        PopulationGenerator.Generate(new GeneratorOptions(500, 3, 1, AsOf), temp.Path, new Recorder(reports));

        reports.ShouldAllBe(r => r.MonthsTotal == 3 && r.PeopleTotal == 1500);
        reports.Select(r => r.MonthsDone).Where(m => m > 0).Distinct().Order().ShouldBe([1, 2, 3]);
        reports.Max(r => r.PeopleDone).ShouldBe(1500);
    }

    [Fact]
    public void Generate_OneBigMonth_ProgressCountsPeopleSoItMovesBeforeTheMonthIsDone()
    {
        using var temp = new TempFolder();
        var reports = new ConcurrentQueue<GenerationProgress>();

        PopulationGenerator.Generate(new GeneratorOptions(40_000, 1, 1, AsOf), temp.Path, new Recorder(reports));

        reports.ShouldAllBe(r => r.PeopleTotal == 40_000);
        reports.ShouldContain(r => r.MonthsDone == 0 && r.PeopleDone > 0 && r.PeopleDone < 40_000);
        reports.Max(r => r.PeopleDone).ShouldBe(40_000);
    }

    [Fact]
    public void Generate_Cancelled_Throws()
    {
        using var temp = new TempFolder();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Should.Throw<OperationCanceledException>(() =>
            PopulationGenerator.Generate(new GeneratorOptions(1_000, 1, 1, AsOf), temp.Path, ct: cancelled.Token));
    }

    [Fact]
    public void Generate_OnePerson_OneValidMonth()
    {
        using var temp = new TempFolder();

        var month = PopulationGenerator.Generate(new GeneratorOptions(1, 1, 1, AsOf), temp.Path).ShouldHaveSingleItem();

        month.People.ShouldBe(1);
        File.ReadLines(Path.Combine(month.Folder, "people.csv")).Count().ShouldBe(2);
    }

    internal static Dictionary<string, string> HashFiles(string root) =>
        Directory.GetFiles(root, "*", SearchOption.AllDirectories).ToDictionary(
            f => Path.GetRelativePath(root, f),
            f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))),
            StringComparer.Ordinal);

    private sealed class Recorder(ConcurrentQueue<GenerationProgress> reports) : IProgress<GenerationProgress>
    {
        public void Report(GenerationProgress value) => reports.Enqueue(value);
    }
}
