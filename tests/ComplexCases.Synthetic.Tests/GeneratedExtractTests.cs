using ComplexCases.Domain.People;
using ComplexCases.Domain.Screening;
using ComplexCases.Extracts.Reading;

namespace ComplexCases.Synthetic.Tests;

/// <summary>Three consecutive months of the East of England (20,000 people), generated once and read with the real importer.</summary>
public sealed class ThreeMonthsOfEastOfEngland : IDisposable
{
    private readonly TempFolder _folder = new();

    public ThreeMonthsOfEastOfEngland()
    {
        Options = new GeneratorOptions(20_000, 3, 2024, new DateOnly(2024, 9, 30), Presets.EastOfEngland);
        Months = PopulationGenerator.Generate(Options, _folder.Path);
        Reads = [.. Months.Select(m => ExtractReader.Read(m.Folder))];
    }

    public GeneratorOptions Options { get; }

    public IReadOnlyList<GeneratedMonth> Months { get; }

    public IReadOnlyList<ExtractReadOutcome> Reads { get; }

    public Caseload Caseload(int month) => Reads[month].Result?.Caseload ?? throw new InvalidOperationException(Reads[month].Error?.Message);

    public void Dispose() => _folder.Dispose();
}

public class GeneratedExtractTests(ThreeMonthsOfEastOfEngland extracts) : IClassFixture<ThreeMonthsOfEastOfEngland>
{
    [Fact]
    public void Read_EveryGeneratedMonth_ImportsWithZeroRejections()
    {
        for (var m = 0; m < extracts.Months.Count; m++)
        {
            var outcome = extracts.Reads[m];
            outcome.Succeeded.ShouldBeTrue(outcome.Error?.Message);
            var result = outcome.Result;
            result.Rejections.ShouldBeEmpty(string.Join(Environment.NewLine, result.Rejections.Take(5)));
            result.Warnings.ShouldBeEmpty();
            result.Files.ShouldAllBe(f => f.Present && f.RowsRead > 0 && f.RowsAccepted == f.RowsRead && f.RowsRejected == 0);
            result.RowsRead.ShouldBe(extracts.Months[m].Rows);
            result.Caseload.Count.ShouldBe(extracts.Months[m].People);
        }
    }

    [Fact]
    public void Read_GeneratedMonth_EveryRecordDatedOnOrBeforeTheScreeningDate()
    {
        for (var m = 0; m < extracts.Months.Count; m++)
        {
            var d = extracts.Months[m].AsOf;
            var caseload = extracts.Caseload(m);
            var endedRegistrations = 0;
            for (var i = 0; i < caseload.Count; i++)
            {
                var records = caseload.RecordsOf(i);
                foreach (var r in records.Registrations)
                {
                    r.RegisteredOn.ShouldBeLessThanOrEqualTo(d);
                    if (r.DeregisteredOn is { } off) { off.ShouldBeLessThanOrEqualTo(d); endedRegistrations++; }
                }
                foreach (var a in records.Assessments) a.CompletedOn.ShouldBeLessThanOrEqualTo(d);
                foreach (var o in records.OpdScreenings) o.ScreenedOn.ShouldBeLessThanOrEqualTo(d);
                var active = 0;
                foreach (var s in records.Sentences)
                {
                    s.SentencedOn.ShouldBeLessThanOrEqualTo(d);
                    if (s.TerminatedOn is { } t) t.ShouldBeLessThanOrEqualTo(d);
                    if (s.IsActiveOn(d)) active++;
                }
                active.ShouldBeGreaterThan(0, "everyone under supervision has an active sentence");
            }
            endedRegistrations.ShouldBeGreaterThan(0, "some registrations were deregistered before the screening date");
        }
    }

    [Fact]
    public void Read_ConsecutiveMonths_TwoToFivePercentLeaveAndAboutAsManyJoin()
    {
        for (var m = 1; m < extracts.Months.Count; m++)
        {
            var before = Crns(extracts.Caseload(m - 1));
            var after = Crns(extracts.Caseload(m));
            var left = before.Count(c => !after.Contains(c)) / (double)before.Count;
            var joined = after.Count(c => !before.Contains(c)) / (double)after.Count;

            left.ShouldBeInRange(0.02, 0.05);
            joined.ShouldBeInRange(0.02, 0.05);
            Math.Abs(left - joined).ShouldBeLessThan(0.01);
        }
    }

    [Fact]
    public void Read_ConsecutiveMonths_ContinuingPeopleKeepTheirCrnAndRecordsGrow()
    {
        var before = extracts.Caseload(0);
        var after = extracts.Caseload(1);
        int compared = 0, grew = 0;
        for (var i = 0; i < before.Count; i++)
        {
            var j = after.IndexOf(before[i].Crn);
            if (j < 0) continue;
            compared++;
            after[j].DateOfBirth.ShouldBe(before[i].DateOfBirth);
            after[j].Surname.ShouldBe(before[i].Surname);
            after.RecordsOf(j).Assessments.Length.ShouldBeGreaterThanOrEqualTo(before.RecordsOf(i).Assessments.Length);
            if (after.RecordsOf(j).Assessments.Length > before.RecordsOf(i).Assessments.Length) grew++;
        }
        compared.ShouldBeGreaterThan(before.Count * 9 / 10);
        grew.ShouldBeGreaterThan(compared / 50, "assessments are redone every 6–12 months, so some appear each month");
    }

    [Fact]
    public void Read_People_CrnsOfTheRegionLetterAndShareOfUnallocatedAndLimitedAccessSmall()
    {
        var caseload = extracts.Caseload(2);
        var people = caseload.People.ToArray();

        people.ShouldAllBe(p => p.Crn.ToString()[0] == 'E' && p.RegionCode == "N07" && p.RegionName == "East of England");
        people.Select(p => p.PduCode).Distinct().Count().ShouldBe(8);
        Share(people, p => p.PractitionerCode is null).ShouldBeInRange(0.005, 0.05);
        Share(people, p => p.LimitedAccess).ShouldBeInRange(0.001, 0.01);
        Share(people, p => p.Gender == "F").ShouldBeInRange(0.08, 0.16);
        people.ShouldContain(p => (p.Forename + p.Surname).Any(c => c > 127), "some names have non-ASCII letters");
        people.ShouldContain(p => p.Surname!.Contains('\''));
        people.ShouldContain(p => p.Surname!.Contains('-'));
    }

    [Fact]
    public void Read_Staff_CaseloadsOf35To37AndSposManaging8To12()
    {
        var caseload = extracts.Caseload(2);
        var staff = caseload.Staff.Values.ToList();
        var people = caseload.People.ToArray();

        staff.ShouldAllBe(s => s.Email!.EndsWith("@probation.example", StringComparison.Ordinal));
        staff.Select(s => s.Grade).Distinct().Order(StringComparer.Ordinal).ShouldBe(["HOPDU", "PO", "PQiP", "PSO", "QDO", "SPO"]);
        var practitioners = staff.Where(s => s.Grade is "PO" or "PSO" or "PQiP").ToList();
        practitioners.ShouldAllBe(s => caseload.Staff[s.ManagerCode!].Grade == "SPO");
        var caseloads = people.Where(p => p.PractitionerCode is not null).GroupBy(p => p.PractitionerCode!).ToList();
        caseloads.ShouldAllBe(g => caseload.Staff.ContainsKey(g.Key) && practitioners.Contains(caseload.Staff[g.Key]));
        caseloads.Average(g => g.Count()).ShouldBeInRange(35.0, 37.0);
        var spans = practitioners.GroupBy(s => s.ManagerCode).Select(g => g.Count()).ToList();
        spans.Average().ShouldBeInRange(8.0, 12.0);
        staff.Where(s => s.Grade == "SPO").ShouldAllBe(s => caseload.Staff[s.ManagerCode!].Grade == "HOPDU");
        staff.Where(s => s.Grade == "HOPDU").Count().ShouldBe(8);
    }

    [Fact]
    public void Read_Registrations_RealCodesAndMappaLevelsAndCategories()
    {
        var caseload = extracts.Caseload(2);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        var mappaLevels = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < caseload.Count; i++)
        {
            foreach (var r in caseload.RecordsOf(i).Registrations)
            {
                codes.Add(r.Code);
                if (r.Code == "MAPP") mappaLevels.Add(r.LevelCode.ShouldNotBeNull());
                else r.LevelCode.ShouldBeNull();
            }
        }
        codes.ShouldBeSubsetOf(["RLRH", "RMRH", "RHRH", "RVHR", "MAPP", "RMDO", "AMHL", "ALSH", "INLL", "RVLN", "RCCO", "RCPR"]);
        codes.Count.ShouldBe(12);
        mappaLevels.ShouldBeSubsetOf(["M0", "M1", "M2", "M3"]);
        mappaLevels.ShouldContain("M1");
        mappaLevels.ShouldContain("M2");
    }

    private static HashSet<Crn> Crns(Caseload caseload)
    {
        var set = new HashSet<Crn>();
        foreach (var p in caseload.People) set.Add(p.Crn);
        return set;
    }

    private static double Share(Person[] people, Func<Person, bool> predicate) => people.Count(predicate) / (double)people.Length;
}
