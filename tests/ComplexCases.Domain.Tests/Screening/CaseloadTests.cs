using ComplexCases.Domain.People;
using ComplexCases.Domain.Screening;
using ComplexCases.TestSupport.Screening;

namespace ComplexCases.Domain.Tests.Screening;

public class CaseloadTests
{
    private static Person PersonWith(string crn) => new(Crn.Parse(crn), "EOENFK", "N07", 2);

    [Fact]
    public void Build_PeopleAddedOutOfOrder_OrderedByCrn()
    {
        var caseload = CaseBuilder.Caseload(new CaseBuilder("X000001"), new CaseBuilder("B000009"), new CaseBuilder("B000002"));

        caseload.Count.ShouldBe(3);
        caseload.People.ToArray().Select(p => p.Crn.ToString()).ShouldBe(["B000002", "B000009", "X000001"]);
    }

    [Fact]
    public void Build_RecordsAddedInterleaved_GroupedPerPersonInAddedOrder()
    {
        var (a, b, c) = (Crn.Parse("E000003"), Crn.Parse("E000001"), Crn.Parse("E000002"));
        var builder = new CaseloadBuilder().AddPerson(PersonWith("E000003")).AddPerson(PersonWith("E000001")).AddPerson(PersonWith("E000002"));
        var on = TestDates.RecordedOn;
        builder.Add(a, new Registration("RHRH", null, on, null, 2))
            .Add(b, new Registration("ALSH", null, on, null, 3))
            .Add(a, new Registration("MAPP", "M3", on, null, 4))
            .Add(b, new Sentence("1", "IPP", on, null, 2))
            .Add(a, new Assessment("X1", on, 2))
            .Add(b, new OpdScreening(on, OpdResult.ScreenedIn, Flag.Unknown, 2));

        var caseload = builder.Build();

        caseload.RecordCount.ShouldBe(6);
        var first = caseload.RecordsOf(caseload.IndexOf(b));
        first.Registrations.ToArray().Select(r => r.Line).ShouldBe([3]);
        first.Sentences.Length.ShouldBe(1);
        first.OpdScreenings.Length.ShouldBe(1);
        first.Assessments.Length.ShouldBe(0);
        var third = caseload.RecordsOf(caseload.IndexOf(a));
        third.Registrations.ToArray().Select(r => r.Code).ShouldBe(["RHRH", "MAPP"]);
        third.Assessments.ToArray().Select(x => x.AssessmentId).ShouldBe(["X1"]);
        third.Sentences.Length.ShouldBe(0);
        var second = caseload.RecordsOf(caseload.IndexOf(c));
        (second.Registrations.Length + second.Assessments.Length + second.Sentences.Length + second.OpdScreenings.Length).ShouldBe(0);
    }

    [Fact]
    public void IndexOf_EachPerson_FindsTheirPosition()
    {
        var crns = new[] { "E000500", "A123456", "Z000001", "E000499", "M000000" };
        var caseload = CaseBuilder.Caseload([.. crns.Select(c => new CaseBuilder(c))]);

        foreach (var crn in crns)
        {
            var index = caseload.IndexOf(Crn.Parse(crn));
            index.ShouldBeGreaterThanOrEqualTo(0, crn);
            caseload[index].Crn.ToString().ShouldBe(crn);
        }
    }

    [Fact]
    public void IndexOf_Absent_MinusOne()
    {
        var caseload = CaseBuilder.Caseload(new CaseBuilder("E000002"), new CaseBuilder("E000004"));

        caseload.IndexOf(Crn.Parse("E000001")).ShouldBe(-1);
        caseload.IndexOf(Crn.Parse("E000003")).ShouldBe(-1);
        caseload.IndexOf(Crn.Parse("E000005")).ShouldBe(-1);
        CaseBuilder.Caseload().IndexOf(Crn.Parse("E000001")).ShouldBe(-1);
    }

    [Fact]
    public void AddPerson_SameCrnTwice_Throws()
    {
        var builder = new CaseloadBuilder().AddPerson(PersonWith("E000001"));

        Should.Throw<ArgumentException>(() => builder.AddPerson(PersonWith("E000001")));
    }

    [Fact]
    public void Add_RecordForUnknownCrn_Throws()
    {
        var builder = new CaseloadBuilder().AddPerson(PersonWith("E000001"));

        Should.Throw<ArgumentException>(() => builder.Add(Crn.Parse("E000002"), new Sentence("1", "IPP", TestDates.RecordedOn, null, 2)));
        builder.Contains(Crn.Parse("E000001")).ShouldBeTrue();
        builder.Contains(Crn.Parse("E000002")).ShouldBeFalse();
    }

    [Fact]
    public void AddStaff_Twice_Throws()
    {
        var builder = new CaseloadBuilder().AddStaff(new StaffMember("S1", "Ann", "Lee", 2));

        Should.Throw<ArgumentException>(() => builder.AddStaff(new StaffMember("S1", "Bob", "Lee", 3)));
        builder.Build().Staff.Keys.ShouldBe(["S1"]);
    }

    [Fact]
    public void Constructor_PeopleOutOfOrder_Throws()
    {
        Person[] people = [PersonWith("E000002"), PersonWith("E000001")];
        int[] starts = [0, 0, 0];

        Should.Throw<ArgumentException>(() => new Caseload(people, new Dictionary<string, StaffMember>(), [], starts, [], starts, [], starts, [], starts));
    }

    [Fact]
    public void Constructor_OffsetsNotEndingAtRecordCount_Throws()
    {
        Person[] people = [PersonWith("E000001")];
        int[] empty = [0, 0];

        Should.Throw<ArgumentException>(() => new Caseload(people, new Dictionary<string, StaffMember>(),
            [new Registration("ALSH", null, TestDates.RecordedOn, null, 2)], empty, [], empty, [], empty, [], empty));
    }

    [Fact]
    public void RecordsOf_ScreenedInCaseload_SameOutcomeAsScreenedAlone()
    {
        var people = new[]
        {
            CasePresets.MeetingExactly(6, "E000007"),
            CasePresets.MeetingExactly(3, "E000002").WithoutAssessments(),
            new CaseBuilder("D000001").WithRegistration("RLRH").WithOpd(OpdResult.ScreenedOut),
        };
        var caseload = CaseBuilder.Caseload(people);
        var screener = new Screener(TestDefinitions.Pilot(), TestDates.AsOf);

        foreach (var person in people)
        {
            screener.Evaluate(caseload.RecordsOf(caseload.IndexOf(person.Crn))).ShouldBe(person.Screen());
        }
    }
}
