using ComplexCases.Application.Access;
using Shouldly;

namespace ComplexCases.Application.Tests.Access;

/// <summary>The one set of account field rules that the admin page and <c>complexcases admin create</c> both use.</summary>
public sealed class AccountChangeTests
{
    private static readonly AccountForm Valid = new() { UserName = " jane.smith ", DisplayName = " Jane Smith ", Roles = ["Analyst"] };

    [Fact]
    public void AValidForm_IsNormalised()
    {
        var result = AccountChange.From(Valid with
        {
            Roles = ["spo", "head-of-pdu", "Spo"], StaffCode = " ", TeamCodes = " T1 , ,T2 ", PduCode = " P1 ", Email = " a@b.gov.uk ",
            LimitedAccessCrns = "E123456,\nE123457 E123456",
        }, isNew: true);

        result.Succeeded.ShouldBeTrue(string.Join("; ", result.Errors));
        var change = result.Value;
        change.UserName.ShouldBe("jane.smith");
        change.DisplayName.ShouldBe("Jane Smith");
        change.Roles.ShouldBe("Spo,HeadOfPdu");
        change.StaffCode.ShouldBeNull();
        change.TeamCodes.ShouldBe("T1,T2");
        change.PduCode.ShouldBe("P1");
        change.Email.ShouldBe("a@b.gov.uk");
        change.LimitedAccessCrns.Order(StringComparer.Ordinal).ShouldBe(["E123456", "E123457"]);
    }

    [Theory]
    [InlineData("userName", "Enter a user name")]
    [InlineData("displayName", "Name must be 128 characters or fewer")]
    [InlineData("email", "Enter an email address like")]
    [InlineData("roles", "'superuser' is not a role")]
    [InlineData("pduCode", "A head of PDU needs their PDU code")]
    [InlineData("staffCode", "Codes must be 16 characters or fewer")]
    [InlineData("teamCodes", "Team codes must be 400 characters or fewer")]
    [InlineData("limitedAccessCrns", "'e123456' is not a CRN")]
    [InlineData("password", "Password must be at least 12 characters")]
    public void EachRule_NamesItsField(string field, string message)
    {
        var form = field switch
        {
            "userName" => Valid with { UserName = "new" },
            "displayName" => Valid with { DisplayName = new string('a', AccountChange.MaxDisplayName + 1) },
            "email" => Valid with { Email = "not an address" },
            "roles" => Valid with { Roles = ["superuser"] },
            "pduCode" => Valid with { Roles = ["HeadOfPdu"] },
            "staffCode" => Valid with { StaffCode = new string('S', AccountChange.MaxCode + 1) },
            "teamCodes" => Valid with { TeamCodes = new string('T', AccountChange.MaxTeamCodes + 1) },
            "limitedAccessCrns" => Valid with { LimitedAccessCrns = "e123456" },
            _ => Valid with { Password = "Short-1" },
        };

        var result = AccountChange.From(form, isNew: true);

        result.Status.ShouldBe(UseCaseStatus.Invalid);
        result.Errors.ShouldContain(e => e.Field == field && e.Message.Contains(message, StringComparison.Ordinal), string.Join("; ", result.Errors));
    }

    [Fact]
    public void EveryProblem_IsNamedAtOnce()
    {
        var result = AccountChange.From(new AccountForm { UserName = "", DisplayName = "", Roles = [] }, isNew: true);

        result.Errors.Select(e => e.Field).ShouldBe(["userName", "displayName", "roles"]);
    }

    [Fact]
    public void AnExistingAccount_KeepsItsUserNameAndPassword_Unchecked()
    {
        AccountChange.From(Valid with { UserName = null, Password = "x" }, isNew: false).Succeeded.ShouldBeTrue();
    }

    [Theory]
    [InlineData("head-of-pdu", Role.HeadOfPdu)]
    [InlineData("PanelTeam", Role.PanelTeam)]
    [InlineData("qdo", Role.Qdo)]
    [InlineData("1", null)]
    [InlineData("boss", null)]
    public void Roles_AreReadInAnyCase_NeverAsNumbers(string text, Role? expected) => AccountChange.ParseRole(text).ShouldBe(expected);
}
