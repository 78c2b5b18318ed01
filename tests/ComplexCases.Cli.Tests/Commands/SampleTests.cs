using System.Text.Json;

namespace ComplexCases.Cli.Tests.Commands;

/// <summary>The sample under samples/ is what a new user tries first: it must screen cleanly, month after month.</summary>
public sealed class SampleTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Screen_SampleMonths_ListsPeopleWithNoRejectionsAndTracksChange()
    {
        var samples = Path.Combine(ComplexCases.TestSupport.Repository.Root, "samples");

        var august = CliRun.InProcess("screen", "--extract", Path.Combine(samples, "2024-08-01"), "--as-of", "2024-08-01",
            "--out", _temp["aug"], "--db", _temp["cc.db"]);
        var september = CliRun.InProcess("screen", "--extract", Path.Combine(samples, "2024-09-01"), "--as-of", "2024-09-01",
            "--out", _temp["sep"], "--db", _temp["cc.db"]);

        august.ExitCode.ShouldBe(0, august.Error);
        september.ExitCode.ShouldBe(0, september.Error);
        using var json = JsonDocument.Parse(File.ReadAllText(_temp["sep/screening.json"]));
        var root = json.RootElement;
        root.GetProperty("extract").GetProperty("rowsRejected").GetInt32().ShouldBe(0);
        root.GetProperty("complex").GetInt32().ShouldBeGreaterThan(0);
        var changes = root.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("change").GetString()).ToList();
        changes.ShouldContain("continuing");
        Directory.GetFiles(_temp["sep/lists"], "*.csv").ShouldNotBeEmpty();
        september.Output.ShouldContain("compared with run 1");
    }
}
