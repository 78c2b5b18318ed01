using BenchmarkDotNet.Attributes;
using ComplexCases.Application.Definitions;
using ComplexCases.Domain.Screening;
using ComplexCases.Extracts.Reading;
using ComplexCases.Synthetic;

namespace ComplexCases.Benchmarks;

/// <summary>
/// The screening engine alone, one core: person-evaluations per second on a generated national-shaped caseload.
/// Target (issue 2): at least 2 million per second per core.
/// </summary>
[MemoryDiagnoser]
public class ScreenerBenchmarks
{
    private const int People = 100_000;
    private Caseload _caseload = null!;
    private Screener _screener = null!;
    private string _folder = null!;

    /// <summary>Share of rows made invalid: 0.02 gives people whose rejected rows make criteria unknown (criteria.md).</summary>
    [Params(0.0, 0.02)]
    public double Defects { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), $"cc-bench-{Environment.ProcessId}");
        var asOf = new DateOnly(2024, 9, 1);
        var month = PopulationGenerator.Generate(new GeneratorOptions(People, 1, 42, asOf, DefectRate: Defects), _folder)[^1];
        var read = ExtractReader.Read(month.Folder);
        _caseload = read.Result!.Caseload;
        var definition = DefinitionFile.Load(DefinitionFile.PilotPath).Value!;
        _screener = new Screener(definition.Definition, asOf);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    /// <summary>Every person once; one operation = one person evaluated against all eight criteria.</summary>
    [Benchmark(OperationsPerInvoke = People)]
    public int EvaluateEveryone()
    {
        var listed = 0;
        for (var i = 0; i < _caseload.Count; i++)
        {
            if (_screener.Evaluate(_caseload.RecordsOf(i)).IsListed) listed++;
        }
        return listed;
    }
}
