using ComplexCases.Application.Audit;
using ComplexCases.Cli.Tests.Commands;
using ComplexCases.Data;
using ComplexCases.Data.Evaluation;
using ComplexCases.Domain.Evaluation;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Cli.Tests.Operations;

/// <summary>
/// Two screened months of the sample (August and September 2024: 17 people are only in August) and outcomes for people in
/// each and for two never screened, then <c>retention erase --older-than 12</c> on 20 August 2025: August is before the cutoff, September within it.
/// Shared by the SQLite and PostgreSQL tests.
/// </summary>
internal sealed class RetentionScenario(string database, Func<ComplexCasesDbContext> open, TempFolder temp)
{
    public static readonly DateTimeOffset Now = new(2025, 8, 20, 9, 0, 0, TimeSpan.Zero);
    /// <summary>Never screened; an outcome before the cutoff (erased) and one of someone never screened after it (kept).</summary>
    public const string NeverScreenedOld = "X900001";
    public const string NeverScreenedRecent = "X900002";

    public List<string> AugustOnly { get; private set; } = [];
    public List<string> September { get; private set; } = [];
    /// <summary>Still supervised (screened in September), with a process history like the former person's.</summary>
    public string Supervised { get; private set; } = "";

    public void Prepare()
    {
        foreach (var month in new[] { "2024-08-01", "2024-09-01" })
        {
            var extract = Path.Combine(ComplexCases.TestSupport.Repository.Root, "samples", month);
            var screen = CliRun.InProcess("screen", "--extract", extract, "--as-of", month, "--out", temp["out-" + month], "--db", database, "--no-workbooks");
            screen.ExitCode.ShouldBe(0, screen.Error);
        }
        using (var db = open())
        {
            var runs = db.Runs.OrderBy(r => r.AsOf).Select(r => r.Id).ToList();
            September = [.. db.PersonResults.Where(p => p.RunId == runs[1]).Select(p => p.Crn).OrderBy(c => c)];
            AugustOnly = [.. db.PersonResults.Where(p => p.RunId == runs[0]).Select(p => p.Crn).Where(c => !September.Contains(c)).OrderBy(c => c)];
        }
        AugustOnly.Count.ShouldBe(17);
        // Nobody only in August was listed in the sample: give one of them, and one still supervised, a whole process history.
        Supervised = September.First(c => { using var db = open(); return !db.Workflows.Any(w => w.Crn == c); });
        using (var db = open())
        {
            var runs = db.Runs.OrderBy(r => r.AsOf).Select(r => r.Id).ToList();
            ProcessRecords.Seed(db, AugustOnly[2], runs[0], listed: true, Now.AddYears(-1));
            ProcessRecords.Seed(db, Supervised, runs[1], listed: false, Now.AddYears(-1));
        }
        // Stored directly rather than through `outcomes import`, whose insert is SQLite's own SQL (INSERT OR IGNORE) and
        // fails on PostgreSQL: a gap of the definitions lab, not of retention.
        using (var db = open())
        {
            var import = new OutcomeImport { FileName = "outcomes.csv", FileSha256 = new string('0', 64), ImportedAt = Now.AddYears(-1), ImportedBy = "test" };
            db.OutcomeImports.Add(import);
            db.SaveChanges();
            foreach (var (crn, on) in new[]
            {
                (AugustOnly[0], new DateOnly(2024, 7, 15)), (AugustOnly[1], new DateOnly(2024, 8, 25)), (September[0], new DateOnly(2024, 7, 15)),
                (NeverScreenedOld, new DateOnly(2024, 7, 1)), (NeverScreenedRecent, new DateOnly(2024, 9, 1)),
            })
            {
                db.Outcomes.Add(new StoredOutcome { Crn = crn, OccurredOn = on, Type = (byte)OutcomeType.Recall, ImportId = import.Id });
            }
            db.SaveChanges();
        }
    }

    public CliRun.Outcome Erase(params string[] more) =>
        CliRun.InProcessAt(Now, null, ["retention", "erase", "--older-than", "12", "--db", database, .. more]);

    /// <summary>Rows per table and the audit log's length: what a dry run must leave exactly as it was.</summary>
    public (int People, int Listed, int Workflows, int Outcomes, int Inputs, int Audit) Counts()
    {
        using var db = open();
        return (db.PersonResults.Count(), db.ListedCases.Count(), db.Workflows.Count(), db.Outcomes.Count(), db.RunInputs.Count(), db.AuditEvents.Count());
    }

    public void ShouldHaveErasedTheAugustOnlyPeople()
    {
        using var db = open();
        var runs = db.Runs.OrderBy(r => r.AsOf).Select(r => r.Id).ToList();
        runs.Count.ShouldBe(2, "runs themselves (aggregates) are kept");
        string[] gone = [.. AugustOnly, NeverScreenedOld];
        db.PersonResults.Count(p => gone.Contains(p.Crn)).ShouldBe(0);
        db.ListedCases.Count(c => gone.Contains(c.Crn)).ShouldBe(0);
        db.Workflows.Count(w => gone.Contains(w.Crn)).ShouldBe(0);
        db.Outcomes.Count(o => gone.Contains(o.Crn)).ShouldBe(0);

        // Everyone still supervised is untouched: both months' rows, and their outcomes.
        db.PersonResults.Count(p => p.RunId == runs[1]).ShouldBe(600);
        db.PersonResults.Count(p => p.RunId == runs[0]).ShouldBe(600 - 17);
        db.Outcomes.Select(o => o.Crn).OrderBy(c => c).ToList().ShouldBe(new[] { September[0], NeverScreenedRecent }.Order(StringComparer.Ordinal).ToList());
        db.Workflows.Count().ShouldBeGreaterThan(0);
        ProcessRecords.Of(db, AugustOnly[2]).ShouldAllBe(rows => rows == 0);
        ProcessRecords.Of(db, Supervised).ShouldAllBe(rows => rows == 1);
        db.Workflows.Count(w => w.Crn == Supervised).ShouldBe(1);
        db.Users.Count(u => u.UserName == "named." + AugustOnly[2]).ShouldBe(1, "the account stays; only its claim for the person goes");
        db.RunInputs.Any(i => i.RunId == runs[0]).ShouldBeFalse();
        db.RunInputs.Any(i => i.RunId == runs[1]).ShouldBeTrue();

        var entry = db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence).First();
        entry.EventType.ShouldBe(AuditEventTypes.RetentionErased);
        entry.Action.ShouldBe("erasure");
        entry.Actor.ShouldStartWith("cli:");
        entry.SubjectCount.ShouldBe(18);
        entry.SubjectCrns.ShouldBeNullOrEmpty();
        entry.Details.ShouldContain("\"cutoff\":\"2024-08-20\"");
        entry.Details.ShouldContain("\"personResults\":17");
    }
}
