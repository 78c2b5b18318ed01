using ComplexCases.Application.Access;

namespace ComplexCases.Application.Tests.Access;

public sealed class StaffUserTests
{
    [Theory]
    [InlineData("", "Name")]
    [InlineData(" ", "Name")]
    [InlineData("id", "")]
    public void Construction_BlankIdOrName_Throws(string id, string name) =>
        Should.Throw<ArgumentException>(() => new StaffUser(id, name, [Role.Practitioner]));

    [Fact]
    public void Construction_UndefinedRole_Throws() =>
        Should.Throw<ArgumentException>(() => new StaffUser("id", "Name", [(Role)0]));

    [Fact]
    public void Construction_BlankStaffCode_Throws() =>
        Should.Throw<ArgumentException>(() => Users.Create(Role.Practitioner, u => u with { StaffCode = " " }));

    [Fact]
    public void Construction_BlankTeamCode_Throws() =>
        Should.Throw<ArgumentException>(() => Users.Create(Role.Spo, u => u.InTeams("TEAM1", "")));

    [Theory]
    [InlineData("e000001")]
    [InlineData("E00001")]
    [InlineData("E000001 ")]
    public void Construction_LimitedAccessCrnNotCanonical_Throws(string crn) =>
        Should.Throw<ArgumentException>(() => Users.Create(Role.Practitioner).NamedFor(crn));

    [Fact]
    public void Construction_RolesRepeated_HeldOnce() =>
        new StaffUser("id", "Name", [Role.Spo, Role.Spo, Role.Qdo]).Roles.ShouldBe([Role.Spo, Role.Qdo], ignoreOrder: true);

    [Fact]
    public void Equals_SameValuesInOtherCollections_Equal()
    {
        var first = Users.Create([Role.Spo, Role.Qdo]).InTeams("TEAM1", "TEAM2").NamedFor("E000001");
        var second = Users.Create([Role.Qdo, Role.Spo]).InTeams("TEAM2", "TEAM1").NamedFor("E000001");

        second.ShouldBe(first);
        second.GetHashCode().ShouldBe(first.GetHashCode());
        (first with { PduCode = "PDU9" }).ShouldNotBe(first);
        first.NamedFor("E000002").ShouldNotBe(first);
    }
}
