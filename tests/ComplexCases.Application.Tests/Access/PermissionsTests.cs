using ComplexCases.Application.Access;
using static ComplexCases.Application.Access.Permission;

namespace ComplexCases.Application.Tests.Access;

public sealed class PermissionsTests
{
    // The matrix written out again, by role, independently of Permissions.cs: any change there must be made here too.
    private static readonly Dictionary<Role, Permission[]> Expected = new()
    {
        [Role.Practitioner] = [ViewHome, ViewDefinitions, ViewMonthlyList, ViewCase, ViewCaseNames, RecordConversation, UpdateOwnActions, ViewNotifications, CheckRecords, ViewPanelSolutions, UseApiTokens],
        [Role.Spo] = [ViewHome, ViewDefinitions, ViewMonthlyList, ViewCase, ViewCaseNames, DownloadList, RecordConversation, UpdateOwnActions, ViewPduProgress, ViewNotifications, CheckRecords, ViewPanelSolutions, UseApiTokens],
        [Role.HeadOfPdu] = [ViewHome, ViewDefinitions, ViewMonthlyList, ViewCase, ViewCaseNames, DownloadList, ViewAggregates, UpdateOwnActions, ViewPduProgress, ViewNotifications, CheckRecords, ViewPanelSolutions, AdoptDefinitions, UseApiTokens],
        [Role.PanelTeam] = [ViewHome, ViewDefinitions, ViewMonthlyList, ViewCase, ViewCaseNames, DownloadList, ViewAggregates, RecordTriage, ManagePanels, ViewPanels, UpdateOwnActions, ViewPduProgress, ViewNotifications, ViewPanelCase, ViewPanelSolutions, UseApiTokens],
        [Role.PanelMember] = [ViewHome, ViewDefinitions, ViewPanels, UpdateOwnActions, ViewNotifications, ViewPanelCase, ViewPanelSolutions, UseApiTokens],
        [Role.Qdo] = [ViewHome, ViewDefinitions, ViewMonthlyList, ViewCase, ViewCaseNames, ViewAggregates, ViewPanels, RecordQualityReview, ViewPduProgress, ViewNotifications, ViewPanelSolutions, UseApiTokens],
        [Role.Analyst] = [ViewHome, ViewDefinitions, ViewMonthlyList, ViewCase, ViewAggregates, ViewRuns, RunScreening, ViewRejectedRows, ManageDefinitions, ViewApi, ViewNotifications, ViewPanelSolutions, UseApiTokens],
        [Role.Administrator] = [ViewHome, ViewDefinitions, ViewRuns, ManageUsers, ViewAuditLog, ViewNotifications, UseApiTokens],
    };

    private static readonly Dictionary<Role, CaseScope> ExpectedScopes = new()
    {
        [Role.Practitioner] = CaseScope.OwnCases,
        [Role.Spo] = CaseScope.TeamCases,
        [Role.HeadOfPdu] = CaseScope.Pdu,
        [Role.PanelTeam] = CaseScope.Region,
        [Role.PanelMember] = CaseScope.PanelAgenda,
        [Role.Qdo] = CaseScope.Region,
        [Role.Analyst] = CaseScope.All,
        [Role.Administrator] = CaseScope.None,
    };

    public static TheoryData<Role, Permission, bool> EveryRoleAndPermission()
    {
        var data = new TheoryData<Role, Permission, bool>();
        foreach (var role in Enum.GetValues<Role>())
        {
            foreach (var permission in Enum.GetValues<Permission>()) data.Add(role, permission, Expected[role].Contains(permission));
        }
        return data;
    }

    [Fact]
    public void Expected_CoversEveryRoleAndScope_NoRoleForgotten()
    {
        Expected.Keys.Order().ShouldBe(Enum.GetValues<Role>().Order());
        ExpectedScopes.Keys.Order().ShouldBe(Enum.GetValues<Role>().Order());
        Permissions.AllRoles.ShouldBe(Enum.GetValues<Role>(), ignoreOrder: true);
        Permissions.AllPermissions.ShouldBe(Enum.GetValues<Permission>(), ignoreOrder: true);
    }

    [Fact]
    public void Matrix_EveryRoleAndPermission_IsExactlyTheExpectedTable()
    {
        var differences =
            from role in Enum.GetValues<Role>()
            from permission in Enum.GetValues<Permission>()
            let expected = Expected[role].Contains(permission)
            where Permissions.Has(role, permission) != expected
            select $"{role} × {permission}: expected {(expected ? "allow" : "deny")}";

        differences.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(EveryRoleAndPermission))]
    public void Has_RoleAndPermission_IsAsTheExpectedTable(Role role, Permission permission, bool allowed) =>
        Permissions.Has(role, permission).ShouldBe(allowed);

    [Fact]
    public void Of_EachRole_IsExactlyItsRowOfTheTable()
    {
        foreach (var role in Enum.GetValues<Role>()) Permissions.Of(role).ShouldBe(Expected[role], ignoreOrder: true, customMessage: role.ToString());
    }

    [Fact]
    public void RolesWith_EachPermission_IsTheRolesHoldingIt()
    {
        foreach (var permission in Enum.GetValues<Permission>())
        {
            Permissions.RolesWith(permission).ShouldBe(Expected.Where(e => e.Value.Contains(permission)).Select(e => e.Key), ignoreOrder: true,
                customMessage: permission.ToString());
        }
    }

    [Fact]
    public void ScopeOf_EachRole_IsTheExpectedScope()
    {
        foreach (var role in Enum.GetValues<Role>()) Permissions.ScopeOf(role).ShouldBe(ExpectedScopes[role], role.ToString());
    }

    [Fact]
    public void CaseScoped_IsTheCasePermissionsAndTheWorkflowStepsOnCases() =>
        Permissions.CaseScoped.ShouldBe(
            [ViewMonthlyList, ViewCase, ViewCaseNames, DownloadList, RecordConversation, RecordTriage, ManagePanels, RecordQualityReview, ViewPanelCase, CheckRecords],
            ignoreOrder: true);

    [Theory]
    [MemberData(nameof(Roles))]
    public void Has_EveryRole_MayViewHomeAndDefinitions(Role role)
    {
        Permissions.Has(role, ViewHome).ShouldBeTrue();
        Permissions.Has(role, ViewDefinitions).ShouldBeTrue();
    }

    [Fact]
    public void Matrix_CaseScopedPermissions_HeldExactlyByRolesWithACaseScope()
    {
        // A case permission without a scope would reach nothing; a scope without ViewCase would be dead configuration.
        // The panel member is the exception by design: their agenda scope reaches the panel view, never the list or full case.
        foreach (var role in Enum.GetValues<Role>())
        {
            var hasScope = Permissions.ScopeOf(role) != CaseScope.None;
            var fullCaseScope = hasScope && Permissions.ScopeOf(role) != CaseScope.PanelAgenda;
            Permissions.Has(role, ViewCase).ShouldBe(fullCaseScope, role.ToString());
            Permissions.Has(role, ViewMonthlyList).ShouldBe(fullCaseScope, role.ToString());
            if (hasScope) Permissions.Of(role).Any(Permissions.CaseScoped.Contains).ShouldBeTrue(role.ToString());
            if (!hasScope) Permissions.Of(role).Intersect(Permissions.CaseScoped).ShouldBeEmpty(role.ToString());
        }
    }

    [Fact]
    public void Matrix_NamesAndDownloads_OnlyWhereCasesCanBeSeen()
    {
        foreach (var role in Permissions.RolesWith(ViewCaseNames).Concat(Permissions.RolesWith(DownloadList)))
            Permissions.Has(role, ViewCase).ShouldBeTrue(role.ToString());
    }

    [Fact]
    public void Has_Analyst_NoNamesNoDisclosure()
    {
        Permissions.Has(Role.Analyst, ViewCaseNames).ShouldBeFalse();
        Permissions.Has(Role.Analyst, DownloadList).ShouldBeFalse();
        Permissions.ScopeOf(Role.Analyst).ShouldBe(CaseScope.All);
    }

    [Fact]
    public void Has_Administrator_NoCasePermissionAtAll() =>
        Permissions.Of(Role.Administrator).Intersect(Permissions.CaseScoped).ShouldBeEmpty();

    [Fact]
    public void Has_PanelMember_NoListOrFullCase_OnlyThePanelViewOfAgendaCases()
    {
        Permissions.Has(Role.PanelMember, ViewMonthlyList).ShouldBeFalse();
        Permissions.Has(Role.PanelMember, ViewCase).ShouldBeFalse();
        Permissions.Has(Role.PanelMember, ViewPanelCase).ShouldBeTrue();
        Permissions.ScopeOf(Role.PanelMember).ShouldBe(CaseScope.PanelAgenda);
    }

    [Fact]
    public void ToTake_EveryStep_PersonStepsNeedACaseScopedPermission_RelistingIsTheSystemsOnly()
    {
        foreach (var step in Enum.GetValues<ComplexCases.Domain.Workflow.WorkflowStep>())
        {
            var permission = Permissions.ToTake(step);
            if (step == ComplexCases.Domain.Workflow.WorkflowStep.Relisted) permission.ShouldBeNull();
            else Permissions.CaseScoped.ShouldContain(permission!.Value, step.ToString());
        }
    }

    [Fact]
    public void Has_Qdo_ViewsButDoesNotDownload()
    {
        Permissions.Has(Role.Qdo, ViewCaseNames).ShouldBeTrue();
        Permissions.Has(Role.Qdo, DownloadList).ShouldBeFalse();
        Permissions.Of(Role.Qdo).ShouldNotContain(RunScreening);
        Permissions.Of(Role.Qdo).ShouldNotContain(ManageDefinitions);
    }

    [Fact]
    public void Definitions_OneRoleWritesAnotherAdopts()
    {
        // The analyst writes and checks definitions; the head of PDU adopts one for the lists; nobody does both, and the
        // administrator, who runs the service, does neither.
        Permissions.RolesWith(ManageDefinitions).ShouldBe([Role.Analyst]);
        Permissions.RolesWith(AdoptDefinitions).ShouldBe([Role.HeadOfPdu]);
        Permissions.Of(Role.Administrator).ShouldNotContain(ManageDefinitions);
    }

    [Fact]
    public void Has_UndefinedRole_NothingGranted()
    {
        var undefined = (Role)99;
        Enum.GetValues<Permission>().ShouldAllBe(p => !Permissions.Has(undefined, p));
        Permissions.Of(undefined).ShouldBeEmpty();
        Permissions.ScopeOf(undefined).ShouldBe(CaseScope.None);
    }

    [Fact]
    public void Has_UserWithSeveralRoles_IsTheUnionOfTheirRows()
    {
        var user = Users.Create([Role.Administrator, Role.Spo]);

        Permissions.Of(user).ShouldBe(Expected[Role.Administrator].Union(Expected[Role.Spo]), ignoreOrder: true);
        user.Has(ManageUsers).ShouldBeTrue();
        user.Has(DownloadList).ShouldBeTrue();
        user.Has(RunScreening).ShouldBeFalse();
    }

    [Fact]
    public void Has_EveryPairOfRoles_IsTheUnionOfTheirRows()
    {
        foreach (var first in Enum.GetValues<Role>())
        {
            foreach (var second in Enum.GetValues<Role>())
            {
                var user = Users.Create([first, second]);
                Permissions.Of(user).ShouldBe(Expected[first].Union(Expected[second]), ignoreOrder: true, customMessage: $"{first}+{second}");
                foreach (var permission in Enum.GetValues<Permission>())
                    user.Has(permission).ShouldBe(Expected[first].Contains(permission) || Expected[second].Contains(permission));
            }
        }
    }

    [Fact]
    public void Has_UserWithNoRole_NothingGranted()
    {
        var user = Users.Create([]);

        Permissions.Of(user).ShouldBeEmpty();
        Enum.GetValues<Permission>().ShouldAllBe(p => !user.Has(p));
    }

    public static TheoryData<Role> Roles() => [.. Enum.GetValues<Role>()];
}
