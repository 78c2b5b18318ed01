using System.Globalization;
using ComplexCases.Synthetic;

namespace ComplexCases.Cli.Tests.Commands;

/// <summary>Four months of 3,000 people (East of England) with outcomes, generated once for a test class.</summary>
public sealed class GeneratedMonths : IDisposable
{
    internal TempFolder Folder { get; } = new();

    public IReadOnlyList<GeneratedMonth> Months { get; }

    public string Outcomes => Path.Combine(Folder.Path, OutcomeGenerator.FileName);

    public GeneratedMonths()
    {
        var options = new GeneratorOptions(3000, 4, 11, new DateOnly(2024, 4, 30), Presets.EastOfEngland);
        Months = PopulationGenerator.Generate(options, Folder.Path);
        OutcomeGenerator.Write(options, Folder.Path);
    }

    /// <summary>Screens every month into <paramref name="db"/> (with the pilot, or the definition file given) and imports the outcomes.</summary>
    internal string ScreenAll(string db, TempFolder temp, string? definition = null)
    {
        foreach (var month in Months)
        {
            List<string> args = ["screen", "--extract", month.Folder, "--as-of", month.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                "--out", temp[$"out-{Path.GetFileName(db)}-{month.AsOf:yyyyMMdd}"], "--db", db, "--no-workbooks"];
            if (definition is not null) args.AddRange(["--definition", definition]);
            var run = CliRun.InProcess([.. args]);
            run.ExitCode.ShouldBe(0, run.Error);
        }
        var import = CliRun.InProcess("outcomes", "import", "--db", db, "--file", Outcomes);
        import.ExitCode.ShouldBe(0, import.Error);
        return db;
    }

    public void Dispose() => Folder.Dispose();
}
