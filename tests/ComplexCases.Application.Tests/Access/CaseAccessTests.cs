using ComplexCases.Application.Access;

namespace ComplexCases.Application.Tests.Access;

public sealed class CaseAccessTests
{
    // Practitioner: their own cases.

    [Fact]
    public void CanSee_PractitionerOnOwnCase_True() =>
        CaseAccess.CanSee(Users.Create(Role.Practitioner), Cases.Default).ShouldBeTrue();

    [Fact]
    public void CanSee_PractitionerOnColleaguesCaseInSameTeamPduAndRegion_False() =>
        CaseAccess.CanSee(Users.Create(Role.Practitioner), Cases.Create(c => c with { PractitionerCode = "STAFF7" })).ShouldBeFalse();

    [Fact]
    public void CanSee_PractitionerWhoIsTheCasesSpoCode_False() =>
        CaseAccess.CanSee(Users.Create(Role.Practitioner), Cases.Create(c => c with { PractitionerCode = "STAFF7", SpoCode = Users.StaffCode }))
            .ShouldBeFalse();

    [Fact]
    public void CanSee_PractitionerWithoutStaffCodeOnUnallocatedCase_False() =>
        CaseAccess.CanSee(Users.Create(Role.Practitioner, u => u with { StaffCode = null }), Cases.Create(c => c with { PractitionerCode = null }))
            .ShouldBeFalse();

    [Fact]
    public void CanSee_PractitionerCodeDiffersOnlyInCase_False() =>
        CaseAccess.CanSee(Users.Create(Role.Practitioner), Cases.Create(c => c with { PractitionerCode = Users.StaffCode.ToLowerInvariant() }))
            .ShouldBeFalse();

    // SPO: cases they supervise, and their teams' cases.

    [Fact]
    public void CanSee_SpoNamedAsCasesSpo_True() =>
        CaseAccess.CanSee(Users.Create(Role.Spo, u => u.InTeams()), Cases.Create(c => c with { SpoCode = Users.StaffCode, TeamCode = "TEAM7" }))
            .ShouldBeTrue();

    [Fact]
    public void CanSee_SpoOnCaseInOneOfTheirTeams_True() =>
        CaseAccess.CanSee(Users.Create(Role.Spo, u => u.InTeams("TEAM6", "TEAM7") with { StaffCode = "STAFF5" }), Cases.Create(c => c with { TeamCode = "TEAM7" }))
            .ShouldBeTrue();

    [Fact]
    public void CanSee_SpoOnCaseOfAnotherTeamAndSpo_False() =>
        CaseAccess.CanSee(Users.Create(Role.Spo, u => u with { StaffCode = "STAFF5" }), Cases.Create(c => c with { TeamCode = "TEAM7" }))
            .ShouldBeFalse();

    [Fact]
    public void CanSee_SpoWhoIsTheCasesPractitionerOnly_False() =>
        CaseAccess.CanSee(Users.Create(Role.Spo, u => u.InTeams()), Cases.Create(c => c with { TeamCode = "TEAM7" })).ShouldBeFalse();

    [Fact]
    public void CanSee_SpoWithoutStaffCodeOrTeamsOnUnallocatedCase_False() =>
        CaseAccess.CanSee(Users.Create(Role.Spo, u => u.Unplaced()), Cases.Create(c => c with { SpoCode = null, TeamCode = null, PractitionerCode = null }))
            .ShouldBeFalse();

    // Head of PDU: their PDU.

    [Fact]
    public void CanSee_HeadOfPduOnCaseInTheirPdu_True() =>
        CaseAccess.CanSee(Users.Create(Role.HeadOfPdu, u => u with { StaffCode = "STAFF5", TeamCodes = new HashSet<string>(), RegionCode = "REG7" }), Cases.Default)
            .ShouldBeTrue();

    [Fact]
    public void CanSee_HeadOfPduOnCaseInAnotherPduOfTheirRegion_False() =>
        CaseAccess.CanSee(Users.Create(Role.HeadOfPdu), Cases.Create(c => c with { PduCode = "PDU7" })).ShouldBeFalse();

    [Fact]
    public void CanSee_HeadOfPduWithoutPdu_False() =>
        CaseAccess.CanSee(Users.Create(Role.HeadOfPdu, u => u with { PduCode = null }), Cases.Default).ShouldBeFalse();

    // Panel team and QDO: their region.

    [Theory]
    [InlineData(Role.PanelTeam)]
    [InlineData(Role.Qdo)]
    public void CanSee_RegionalRoleOnCaseInTheirRegion_True(Role role) =>
        CaseAccess.CanSee(Users.Create(role, u => u.Unplaced() with { RegionCode = Users.RegionCode }), Cases.Default).ShouldBeTrue();

    [Theory]
    [InlineData(Role.PanelTeam)]
    [InlineData(Role.Qdo)]
    public void CanSee_RegionalRoleOnCaseInAnotherRegion_False(Role role) =>
        CaseAccess.CanSee(Users.Create(role), Cases.Create(c => c with { RegionCode = "REG7" })).ShouldBeFalse();

    [Theory]
    [InlineData(Role.PanelTeam)]
    [InlineData(Role.Qdo)]
    public void CanSee_RegionalRoleWithoutRegionOnCaseWithoutRegion_False(Role role) =>
        CaseAccess.CanSee(Users.Create(role, u => u with { RegionCode = null }), Cases.Create(c => c with { RegionCode = null })).ShouldBeFalse();

    [Fact]
    public void Can_QdoInRegion_SeesNamesButMayNotDownload()
    {
        var qdo = Users.Create(Role.Qdo);

        CaseAccess.CanSeeNames(qdo, Cases.Default).ShouldBeTrue();
        CaseAccess.Can(qdo, Permission.DownloadList, Cases.Default).ShouldBeFalse();
    }

    // Analyst: everything, pseudonymised.

    [Fact]
    public void CanSee_AnalystOnCaseAnywhere_TrueButNoNames()
    {
        var analyst = Users.Create(Role.Analyst, u => u.Unplaced());

        CaseAccess.CanSee(analyst, Cases.Elsewhere).ShouldBeTrue();
        CaseAccess.CanSeeNames(analyst, Cases.Elsewhere).ShouldBeFalse();
        CaseAccess.Can(analyst, Permission.DownloadList, Cases.Elsewhere).ShouldBeFalse();
    }

    // Administrator and panel member: nothing.

    [Theory]
    [InlineData(Role.Administrator)]
    [InlineData(Role.PanelMember)]
    public void Can_RoleWithoutCaseScopeOnCaseMatchingEveryCode_FalseForEveryCasePermission(Role role)
    {
        var user = Users.Create(role);
        foreach (var permission in Permissions.CaseScoped) CaseAccess.Can(user, permission, Cases.Default).ShouldBeFalse(permission.ToString());
    }

    [Fact]
    public void CanSee_UserWithNoRole_False() => CaseAccess.CanSee(Users.Create([]), Cases.Default).ShouldBeFalse();

    // Limited-access cases: named staff only, and only within their scope.

    [Theory]
    [MemberData(nameof(RolesThatSeeTheDefaultCase))]
    public void CanSee_LimitedAccessCaseUserNamedFor_True(Role role) =>
        CaseAccess.CanSee(Users.Create(role).NamedFor(Cases.Default.Crn), Cases.Default.Limited()).ShouldBeTrue();

    [Theory]
    [MemberData(nameof(EveryRole))]
    public void CanSee_LimitedAccessCaseUserNotNamedFor_False(Role role)
    {
        var user = Users.Create(role).NamedFor("E999999");

        CaseAccess.CanSee(user, Cases.Default).ShouldBe(role is not (Role.Administrator or Role.PanelMember));
        foreach (var permission in Permissions.CaseScoped)
            CaseAccess.Can(user, permission, Cases.Default.Limited()).ShouldBeFalse(permission.ToString());
    }

    [Theory]
    [InlineData(Role.Administrator)]
    [InlineData(Role.PanelMember)]
    public void CanSee_LimitedAccessCaseNamedButRoleHasNoScope_False(Role role) =>
        CaseAccess.CanSee(Users.Create(role).NamedFor(Cases.Default.Crn), Cases.Default.Limited()).ShouldBeFalse();

    [Fact]
    public void CanSee_LimitedAccessCaseNamedButOutsideScope_False() =>
        CaseAccess.CanSee(Users.Create(Role.Practitioner).NamedFor(Cases.Elsewhere.Crn), Cases.Elsewhere.Limited()).ShouldBeFalse();

    [Fact]
    public void CanSee_LimitedAccessCaseUserWithEveryRoleNotNamed_False() =>
        CaseAccess.CanSee(Users.Create(Enum.GetValues<Role>()), Cases.Default.Limited()).ShouldBeFalse();

    [Fact]
    public void CanSee_LimitedAccessCaseAnalystNamed_TrueButStillNoNames()
    {
        var analyst = Users.Create(Role.Analyst).NamedFor(Cases.Elsewhere.Crn);

        CaseAccess.CanSee(analyst, Cases.Elsewhere.Limited()).ShouldBeTrue();
        CaseAccess.CanSeeNames(analyst, Cases.Elsewhere.Limited()).ShouldBeFalse();
    }

    // Several roles: the union, per role.

    [Fact]
    public void CanSee_PractitionerWhoIsAlsoHeadOfPdu_OwnCasesAnywhereAndWholePdu()
    {
        var user = Users.Create([Role.Practitioner, Role.HeadOfPdu], u => u with { PduCode = "PDU7" });

        CaseAccess.CanSee(user, Cases.Default).ShouldBeTrue();
        CaseAccess.CanSee(user, Cases.Elsewhere with { PduCode = "PDU7" }).ShouldBeTrue();
        CaseAccess.CanSee(user, Cases.Elsewhere).ShouldBeFalse();
    }

    [Fact]
    public void CanSeeNames_AnalystWhoIsAlsoPractitioner_NamesOnlyOnOwnCases()
    {
        var user = Users.Create([Role.Analyst, Role.Practitioner]);

        CaseAccess.CanSee(user, Cases.Elsewhere).ShouldBeTrue();
        CaseAccess.CanSeeNames(user, Cases.Elsewhere).ShouldBeFalse();
        CaseAccess.CanSeeNames(user, Cases.Default).ShouldBeTrue();
    }

    [Fact]
    public void Can_SpoWhoIsAlsoQdo_DownloadsOnlyTheTeamsCases()
    {
        var user = Users.Create([Role.Spo, Role.Qdo], u => u.InTeams("TEAM7") with { StaffCode = "STAFF5" });

        CaseAccess.CanSee(user, Cases.Default).ShouldBeTrue();
        CaseAccess.Can(user, Permission.DownloadList, Cases.Default).ShouldBeFalse();
        CaseAccess.Can(user, Permission.DownloadList, Cases.Default with { TeamCode = "TEAM7" }).ShouldBeTrue();
    }

    [Fact]
    public void CanSee_AdministratorWhoIsAlsoSpo_SeesTheTeamsCases()
    {
        var user = Users.Create([Role.Administrator, Role.Spo]);

        CaseAccess.CanSee(user, Cases.Default).ShouldBeTrue();
        CaseAccess.CanSee(user, Cases.Elsewhere).ShouldBeFalse();
    }

    [Fact]
    public void Can_GlobalPermission_Throws() =>
        Should.Throw<ArgumentOutOfRangeException>(() => CaseAccess.Can(Users.Create(Role.Administrator), Permission.ManageUsers, Cases.Default));

    // Names across a user's cases.

    [Theory]
    [InlineData(new[] { Role.Practitioner }, NameVisibility.All)]
    [InlineData(new[] { Role.HeadOfPdu, Role.Spo }, NameVisibility.All)]
    [InlineData(new[] { Role.Analyst }, NameVisibility.None)]
    [InlineData(new[] { Role.Administrator }, NameVisibility.None)]
    [InlineData(new[] { Role.Analyst, Role.Practitioner }, NameVisibility.PerCase)]
    [InlineData(new[] { Role.Analyst, Role.Qdo }, NameVisibility.PerCase)]
    public void NamesFor_Roles_IsAsExpected(Role[] roles, NameVisibility expected) =>
        CaseAccess.NamesFor(Users.Create(roles)).ShouldBe(expected);

    public static TheoryData<Role> EveryRole() => [.. Enum.GetValues<Role>()];

    public static TheoryData<Role> RolesThatSeeTheDefaultCase() =>
        [.. Enum.GetValues<Role>().Where(r => r is not (Role.Administrator or Role.PanelMember))];
}
