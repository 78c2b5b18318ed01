using System.Text.Json;
using ComplexCases.Application.Cases;
using ComplexCases.Application.Lists;
using ComplexCases.Application.Screening;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Screening;
using ComplexCases.TestSupport.Data;
using ComplexCases.TestSupport.Extracts;
using Microsoft.Extensions.Time.Testing;

namespace ComplexCases.Application.Tests.Screening;

/// <summary>
/// A screening run with rows rejected from people's records (criteria.md, "Rejected rows leave a person's records
/// incomplete"): the criteria read unknown, the row is the evidence in screening.json and the stored case, and the run
/// counts whom it affected.
/// </summary>
public sealed class IncompleteRecordsTests : IDisposable
{
    private static readonly DateOnly September = new(2024, 9, 1);

    private readonly ITestDatabase _db = TestDatabases.Create();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 9, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly ExtractFolderBuilder _extract = new();
    private readonly string _out = Path.Combine(Path.GetTempPath(), "complexcases-out-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        _extract.Dispose();
        _db.Dispose();
        if (Directory.Exists(_out)) Directory.Delete(_out, recursive: true);
    }

    /// <summary>Meets four (rosh, mental health, self-harm, mappa) by registrations; a complete assessment says no to the rest.</summary>
    private ExtractFolderBuilder FourMet(string crn) =>
        _extract.WithPerson(crn)
            .WithRegistration(crn, "RVHR", "2023-01-01")
            .WithRegistration(crn, "RMDO", "2023-01-01")
            .WithRegistration(crn, "ALSH", "2023-01-01")
            .WithRegistration(crn, "MAPP", "2023-01-01", level: "M3")
            .WithAssessment(crn, "A-" + crn, "2024-03-01", rosh: "LOW", alcoholNeed: "N", drugNeed: "N", learningDifficulties: "N", mentalHealth: "N", selfHarm: "N");

    private ScreeningReport Screen()
    {
        var result = Compose.Screening(_clock).Run(new ScreenRequest(_extract.Build(), September, _out) { Database = _db.Target, WriteWorkbooks = false });
        result.Succeeded.ShouldBeTrue(result.Error);
        return result.Value!;
    }

    [Fact]
    public void Run_WithoutTheRejectedRows_FourMetIsNotListed()
    {
        FourMet("E000001");

        var report = Screen();

        report.Cases.ShouldBeEmpty();
        report.Incomplete.ShouldBe(IncompleteRecords.None);
    }

    [Fact]
    public void Run_SentenceAndOpdRowsRejected_PossiblyComplexWithTheRowsAsEvidence()
    {
        FourMet("E000001")
            .WithSentence("E000001", "1", "IPP", "31/01/2010")
            .WithOpdScreening("E000001", "2024-01-01", "SCREENED_INN");

        var report = Screen();

        var listed = report.Cases.ShouldHaveSingleItem();
        listed.Status.ShouldBe(ScreeningStatus.PossiblyComplex);
        listed.Score.ShouldBe(4);
        listed.Unknown.ShouldBe(["opd", "ipp"]);

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, OutputWriter.ScreeningFile)));
        var entry = json.RootElement.GetProperty("cases")[0];
        entry.GetProperty("status").GetString().ShouldBe("possibly_complex");
        entry.GetProperty("unknown").EnumerateArray().Select(e => e.GetString()).ShouldBe(["opd", "ipp"]);
        entry.GetProperty("rejectedRows").EnumerateArray()
            .Select(r => (r.GetProperty("criterion").GetString(), r.GetProperty("file").GetString(), r.GetProperty("line").GetInt32(), r.GetProperty("reason").GetString()))
            .ShouldBe(
            [
                ("opd", "opd_screenings.csv", 2, "malformed value: result must be SCREENED_IN or SCREENED_OUT"),
                ("ipp", "sentences.csv", 2, "malformed value: sentenced_on must be a date written yyyy-MM-dd"),
            ]);
        json.RootElement.GetProperty("incompleteRecords").GetProperty("listed").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Run_RegistrationRowRejected_StoredCaseShowsTheRowAsEvidence()
    {
        // Met: rosh, mental health, self-harm and (by assessment) learning difficulties and substance; mappa's register row is
        // rejected (dated 31/01/2024), so mappa reads unknown: 5 met + 1 unknown reaches six.
        _extract.WithPerson("E000001")
            .WithRegistration("E000001", "RVHR", "2023-01-01")
            .WithRegistration("E000001", "RMDO", "2023-01-01")
            .WithRegistration("E000001", "ALSH", "2023-01-01")
            .WithRegistration("E000001", "MAPP", "31/01/2024", level: "M3")
            .WithAssessment("E000001", "A1", "2024-03-01", rosh: "LOW", alcoholNeed: "Y", drugNeed: "N", learningDifficulties: "Y", mentalHealth: "N", selfHarm: "N");

        var report = Screen();

        report.Cases.ShouldHaveSingleItem().Unknown.ShouldBe(["mappa"]);
        using var db = _db.Open();
        var details = (await CaseQuery.RunAsync(db, Crn.Parse("E000001"), runId: null, q => q)).ShouldNotBeNull();
        var mappa = details.Explanation.Single(e => e.Criterion == Domain.Definitions.CriterionId.Mappa);
        mappa.Outcome.ShouldBe(CriterionOutcome.Unknown);
        mappa.Evidence.ShouldBe(new Evidence("registrations.csv", 5, "", null, "malformed value: registered_on must be a date written yyyy-MM-dd", Rejected: true));
        details.NeedsAttention.ShouldHaveSingleItem().Criterion.ShouldBe(Domain.Definitions.CriterionId.Mappa);
    }

    [Fact]
    public void Run_RejectedRows_RunCountsThePeopleAffected()
    {
        FourMet("E000001").WithSentence("E000001", "1", "IPP", "31/01/2010").WithOpdScreening("E000001", "2024-01-01", "SCREENED_INN");
        // Named, and a criterion turns unknown, but far from the threshold.
        _extract.WithPerson("E000002").WithRegistration("E000002", "RHRH", "2024-02-30")
            .WithAssessment("E000002", "A-E000002", "2024-03-01", rosh: "LOW", alcoholNeed: "N", drugNeed: "N", learningDifficulties: "N", mentalHealth: "N", selfHarm: "N");
        // Named, but every criterion its file feeds is met already: nothing changes for them.
        FourMet("E000003").WithRegistration("E000003", "RHRH", "31/01/2024");
        // Names no one: a crn that is not screened, and a malformed one.
        _extract.WithRegistration("E000009", "RHRH", "31/01/2024").WithRegistration("X1", "RHRH", "31/01/2024");

        var report = Screen();

        report.Incomplete.ShouldBe(new IncompleteRecords(People: 3, CriteriaUnknown: 2, Listed: 1));
        using var db = _db.Open();
        var run = db.Runs.Single();
        (run.IncompleteRecordsCounted, run.IncompleteRecordsPeople, run.IncompleteRecordsCriteriaUnknown, run.IncompleteRecordsListed).ShouldBe((true, 3, 2, 1));
    }

    [Fact]
    public void EvidenceJsonWrite_SameBytesAsTheSerializer()
    {
        FourMet("E000001").WithSentence("E000001", "1", "IPP", "31/01/2010").WithOpdScreening("E000001", "2024-01-01", "<SCREENED & é>");
        var report = Screen();
        var explanation = report.ExplanationOf(report.Cases.Single()).ToList();
        // Text a stored explanation can hold: markup, quotes, non-ASCII and control characters, all escaped alike.
        explanation.Add(explanation[0] with { Reason = "a \"quoted\" <b>&</b> reason: Zoë 😀 \u0001 tab\t", Evidence = new Evidence("x.csv", 1, "k\\", new DateOnly(1999, 12, 31), "v'+", true) });
        explanation.Add(explanation[0] with { Evidence = null });

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer)) Storage.EvidenceJson.Write(json, explanation);

        System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan).ShouldBe(Storage.EvidenceJson.Serialize(explanation));
        Storage.EvidenceJson.Deserialize(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan)).ShouldBe(explanation);
    }
}
