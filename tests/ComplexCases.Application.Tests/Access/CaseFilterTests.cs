using ComplexCases.Application.Access;

namespace ComplexCases.Application.Tests.Access;

public sealed class CaseFilterTests
{
    [Fact]
    public void For_Practitioner_TheirStaffCodeAsPractitioner()
    {
        var filter = CaseFilter.For(Users.Create(Role.Practitioner));

        filter.PractitionerCodes.ShouldBe([Users.StaffCode]);
        filter.SpoCodes.ShouldBeEmpty();
        filter.TeamCodes.ShouldBeEmpty();
        filter.All.ShouldBeFalse();
        filter.ToString().ShouldBe("practitioner in [STAFF1]; limited-access cases named: 0");
    }

    [Fact]
    public void For_Spo_StaffCodeAsSpoOrTheirTeams()
    {
        var filter = CaseFilter.For(Users.Create(Role.Spo).InTeams("TEAM1", "TEAM2"));

        filter.SpoCodes.ShouldBe([Users.StaffCode]);
        filter.TeamCodes.ShouldBe(["TEAM1", "TEAM2"], ignoreOrder: true);
        filter.PractitionerCodes.ShouldBeEmpty();
    }

    [Fact]
    public void For_SeveralRoles_TheUnionOfTheirScopes()
    {
        var filter = CaseFilter.For(Users.Create([Role.Practitioner, Role.HeadOfPdu, Role.Qdo, Role.Administrator]).NamedFor("E000001"));

        filter.PractitionerCodes.ShouldBe([Users.StaffCode]);
        filter.PduCodes.ShouldBe([Users.PduCode]);
        filter.RegionCodes.ShouldBe([Users.RegionCode]);
        filter.LimitedAccessCrns.ShouldBe(["E000001"]);
        filter.ToString().ShouldBe("practitioner in [STAFF1] or pdu in [PDU1] or region in [REG1]; limited-access cases named: 1");
    }

    [Fact]
    public void For_AnalystWithOtherRoles_AllAndNothingElse()
    {
        var filter = CaseFilter.For(Users.Create([Role.Analyst, Role.Practitioner]));

        filter.All.ShouldBeTrue();
        filter.PractitionerCodes.ShouldBeEmpty();
    }

    [Fact]
    public void For_AnalystWithOtherRolesAskingForNames_OnlyTheOtherRolesScope()
    {
        var filter = CaseFilter.For(Users.Create([Role.Analyst, Role.Practitioner]), Permission.ViewCaseNames);

        filter.All.ShouldBeFalse();
        filter.PractitionerCodes.ShouldBe([Users.StaffCode]);
    }

    [Theory]
    [InlineData(Role.Administrator)]
    [InlineData(Role.PanelMember)]
    public void For_RoleWithoutCaseScope_None(Role role)
    {
        var filter = CaseFilter.For(Users.Create(role).NamedFor("E000001"));

        filter.ShouldBe(CaseFilter.None);
        filter.IsNone.ShouldBeTrue();
        filter.LimitedAccessCrns.ShouldBeEmpty();
        filter.ToString().ShouldBe("none");
    }

    [Fact]
    public void For_RegionalRoleWithoutRegion_None() =>
        CaseFilter.For(Users.Create(Role.PanelTeam, u => u with { RegionCode = null })).IsNone.ShouldBeTrue();

    [Fact]
    public void For_GlobalPermission_Throws() =>
        Should.Throw<ArgumentOutOfRangeException>(() => CaseFilter.For(Users.Create(Role.Analyst), Permission.ViewRuns));

    [Fact]
    public void Matches_LimitedAccessCaseNamedInScope_True()
    {
        var filter = CaseFilter.For(Users.Create(Role.Practitioner).NamedFor(Cases.Default.Crn));

        filter.Matches(Cases.Default.Limited()).ShouldBeTrue();
        filter.Matches(Cases.Default with { Crn = "E000009", LimitedAccess = true }).ShouldBeFalse();
    }
}
