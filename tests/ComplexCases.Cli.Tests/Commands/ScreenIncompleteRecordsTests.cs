using System.Text.Json;
using ComplexCases.TestSupport.Extracts;
using nietras.SeparatedValues;

namespace ComplexCases.Cli.Tests.Commands;

/// <summary>
/// criteria.md, "Rejected rows leave a person's records incomplete", end to end: a MAPPA registration dated 31/01/2024 is
/// rejected, and the criterion it would have decided reads unknown, with the row as its evidence, instead of not met.
/// </summary>
public sealed class ScreenIncompleteRecordsTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly ExtractFolderBuilder _extract = new();

    public void Dispose()
    {
        _extract.Dispose();
        _temp.Dispose();
    }

    /// <summary>Meets five of the pilot's criteria; the MAPPA registration that would make six is written the British way.</summary>
    private string FiveMetAndMappaDated(string registeredOn) => _extract
        .WithPerson("E000001")
        .WithRegistration("E000001", "RVHR", "2023-01-01")
        .WithRegistration("E000001", "RMDO", "2023-01-01")
        .WithRegistration("E000001", "ALSH", "2023-01-01")
        .WithRegistration("E000001", "MAPP", registeredOn, level: "M3")
        .WithOpdScreening("E000001", "2023-02-01", "SCREENED_IN")
        .WithSentence("E000001", "1", "IPP", "2010-05-01")
        .WithAssessment("E000001", "A1", "2024-03-01", rosh: "LOW", alcoholNeed: "N", drugNeed: "N", learningDifficulties: "N", mentalHealth: "N", selfHarm: "N")
        .Build();

    private CliRun.Outcome Screen(string extract) =>
        CliRun.InProcess("screen", "--extract", extract, "--as-of", "2024-09-01", "--out", _temp["out"], "--db", _temp["cc.db"]);

    [Fact]
    public void Screen_MappaRegistrationDated31January2024_MappaUnknownAndPossiblyComplex()
    {
        var run = Screen(FiveMetAndMappaDated("31/01/2024"));

        run.ExitCode.ShouldBe(0, run.Error);
        using var json = JsonDocument.Parse(File.ReadAllText(_temp["out/screening.json"]));
        var listed = json.RootElement.GetProperty("cases").EnumerateArray().ShouldHaveSingleItem();
        listed.GetProperty("crn").GetString().ShouldBe("E000001");
        listed.GetProperty("status").GetString().ShouldBe("possibly_complex");
        listed.GetProperty("score").GetInt32().ShouldBe(5);
        listed.GetProperty("met").EnumerateArray().Select(e => e.GetString()).ShouldNotContain("mappa");
        listed.GetProperty("unknown").EnumerateArray().Select(e => e.GetString()).ShouldBe(["mappa"]);
        var evidence = listed.GetProperty("rejectedRows").EnumerateArray().ShouldHaveSingleItem();
        evidence.GetProperty("criterion").GetString().ShouldBe("mappa");
        evidence.GetProperty("file").GetString().ShouldBe("registrations.csv");
        evidence.GetProperty("line").GetInt32().ShouldBe(5);
        evidence.GetProperty("reason").GetString().ShouldBe("malformed value: registered_on must be a date written yyyy-MM-dd");
        json.RootElement.GetProperty("possiblyComplex").GetInt32().ShouldBe(1);

        // The list and rejected.csv agree: the row is reported, and the list says which criterion is unknown.
        using (var list = Sep.Reader().FromFile(_temp["out/lists/EOENFK.csv"]))
        {
            list.MoveNext().ShouldBeTrue();
            list.Current["criteria_unknown"].ToString().ShouldBe("mappa");
            list.Current["status"].ToString().ShouldBe("possibly_complex");
        }
        File.ReadAllText(_temp["out/rejected.csv"]).ShouldContain("registrations.csv,5,registered_on,");
        // The summary wraps at the console's width.
        System.Text.RegularExpressions.Regex.Replace(run.Output, @"\s+", " ").ShouldContain("Rejected rows left 1 people's records incomplete: for 1 a criterion reads unknown, 1 listed as possibly complex only because of it.");
    }

    [Fact]
    public void Screen_SameRegistrationDatedProperly_Complex()
    {
        var run = Screen(FiveMetAndMappaDated("2024-01-31"));

        run.ExitCode.ShouldBe(0, run.Error);
        using var json = JsonDocument.Parse(File.ReadAllText(_temp["out/screening.json"]));
        var listed = json.RootElement.GetProperty("cases").EnumerateArray().ShouldHaveSingleItem();
        listed.GetProperty("status").GetString().ShouldBe("complex");
        listed.GetProperty("rejectedRows").GetArrayLength().ShouldBe(0);
    }
}
