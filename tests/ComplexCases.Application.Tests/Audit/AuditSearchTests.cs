using ComplexCases.Application.Audit;
using ComplexCases.Data.Screening;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.People;
using ComplexCases.TestSupport.Data;
using Microsoft.Extensions.Time.Testing;

namespace ComplexCases.Application.Tests.Audit;

public sealed class AuditSearchTests : IDisposable
{
    private static readonly DateTimeOffset Monday = new(2024, 9, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly ITestDatabase _db = TestDatabases.Create();
    private readonly FakeTimeProvider _clock = new(Monday);

    public void Dispose() => _db.Dispose();

    [Fact]
    public void Find_ByCrn_EntriesListingThatPersonOnly()
    {
        Record("pat", AuditAction.Consultation, "E000001");
        Record("pat", AuditAction.Consultation, "E000002");
        Record("sam", AuditAction.Disclosure, "E000001", "E000002", "E000003");
        Record("sam", AuditAction.Consultation, "E000010");

        var page = Find(new AuditQuery(Crn: Crn.Parse("E000001")));

        page.Entries.Select(e => e.Sequence).ShouldBe([3, 1]);
        page.Total.ShouldBe(2);
        page.Entries[0].SubjectCrns.ShouldBe(["E000001", "E000002", "E000003"]);
    }

    [Fact]
    public void Find_ByCrn_IncludesADigestOnlyEntryWhoseRunHoldsThePerson()
    {
        var run = StoreRun("E000001", "E000002");
        var other = StoreRun("E000002");
        Record("cli", AuditAction.Collection, Many(AuditSubjects.InlineLimit + 1), details: new AuditDetails().Add("runId", run).ToString());
        Record("cli", AuditAction.Collection, Many(AuditSubjects.InlineLimit + 1), details: new AuditDetails().Add("runId", other).ToString());
        Record("pat", AuditAction.Consultation, "E000001");

        var page = Find(new AuditQuery(Crn: Crn.Parse("E000001")));

        page.Entries.Select(e => e.Sequence).ShouldBe([3, 1]);
        page.Entries[1].SubjectCrns.ShouldBeEmpty();
        page.Entries[1].SubjectCount.ShouldBe(AuditSubjects.InlineLimit + 1);
    }

    [Fact]
    public void Find_ByActor_ThatUsersEntriesOnly()
    {
        Record("pat", AuditAction.Consultation, "E000001");
        Record("sam", AuditAction.Consultation, "E000001");

        var page = Find(new AuditQuery(Actor: "sam"));

        page.Entries.ShouldHaveSingleItem().Actor.ShouldBe("sam");
    }

    [Fact]
    public void Find_ByTime_FromInclusiveToExclusive()
    {
        Record("pat", AuditAction.Consultation, "E000001");
        _clock.Advance(TimeSpan.FromDays(1));
        Record("pat", AuditAction.Consultation, "E000002");
        _clock.Advance(TimeSpan.FromDays(1));
        Record("pat", AuditAction.Consultation, "E000003");

        var page = Find(new AuditQuery(From: Monday.AddDays(1), To: Monday.AddDays(2)));

        page.Entries.ShouldHaveSingleItem().Sequence.ShouldBe(2);
        page.Entries[0].OccurredAt.ShouldBe(Monday.AddDays(1));
    }

    [Fact]
    public void Find_Paged_NewestFirstWithTheTotal()
    {
        for (var i = 1; i <= 5; i++) Record("pat", AuditAction.Consultation, $"E{i:D6}");

        var second = Find(new AuditQuery(Page: 2, PageSize: 2));

        second.Entries.Select(e => e.Sequence).ShouldBe([3, 2]);
        second.Total.ShouldBe(5);
        second.Pages.ShouldBe(3);
    }

    [Fact]
    public void Find_FiltersTogether_AllApply()
    {
        Record("pat", AuditAction.Consultation, "E000001");
        Record("sam", AuditAction.Consultation, "E000001");
        _clock.Advance(TimeSpan.FromDays(3));
        Record("sam", AuditAction.Consultation, "E000001");

        var page = Find(new AuditQuery(Crn.Parse("E000001"), "sam", To: Monday.AddDays(1)));

        page.Entries.ShouldHaveSingleItem().Sequence.ShouldBe(2);
    }

    private AuditPage Find(AuditQuery query)
    {
        using var db = _db.Open();
        return AuditSearch.Find(db, query);
    }

    private void Record(string actor, AuditAction action, params string[] crns) =>
        Record(actor, action, AuditSubjects.Of(crns.Select(Crn.Parse)));

    private void Record(string actor, AuditAction action, AuditSubjects subjects, string details = "")
    {
        using var db = _db.Open();
        new AuditLog(_clock).Append(db, new AuditEntryRequest(actor, action, AuditEventTypes.CaseViewed, "supervision") { Subjects = subjects, Details = details });
    }

    private static AuditSubjects Many(int count) => AuditSubjects.Of(Enumerable.Range(100, count).Select(Crn.FromValue).ToArray());

    private int StoreRun(params string[] crns)
    {
        using var db = _db.Open();
        var run = new ScreeningRun { AsOf = new DateOnly(2024, 9, 1), DefinitionId = "pilot-2024", ExtractSha256 = new string('a', 64), RunBy = "cli" };
        db.Runs.Add(run);
        db.SaveChanges();
        db.PersonResults.AddRange(crns.Select(c => new PersonResult { RunId = run.Id, Crn = c, PduCode = "EOENFK" }));
        db.SaveChanges();
        return run.Id;
    }
}
