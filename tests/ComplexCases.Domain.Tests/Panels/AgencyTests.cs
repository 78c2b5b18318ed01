using ComplexCases.Domain.Panels;

namespace ComplexCases.Domain.Tests.Panels;

public class AgencyTests
{
    [Fact]
    public void StoredValues_NeverRenumbered()
    {
        Agencies.All.Select(a => ((int)a, a.ToKey())).ShouldBe(
        [
            (1, "probation"), (2, "prison"), (3, "police"), (4, "mental_health"), (5, "adult_social_care"), (6, "substance_misuse"),
            (7, "housing"), (8, "opd_psychology"), (9, "learning_disability"), (10, "childrens_services"),
        ]);
    }

    [Fact]
    public void Keys_RoundTripForEveryAgency()
    {
        foreach (var agency in Agencies.All)
        {
            Agencies.TryParse(agency.ToKey(), out var parsed).ShouldBeTrue(agency.ToString());
            parsed.ShouldBe(agency);
        }
        Agencies.All.Select(a => a.ToKey()).Distinct().Count().ShouldBe(Agencies.All.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Police")]
    [InlineData("mental-health")]
    [InlineData(" police")]
    [InlineData("fire")]
    public void TryParse_NotAKey_False(string? key)
    {
        Agencies.TryParse(key, out var agency).ShouldBeFalse();
        agency.ShouldBe(default);
    }

    [Fact]
    public void Labels_EveryAgencyDistinct()
    {
        Agencies.All.Select(a => a.Label()).Distinct().Count().ShouldBe(Agencies.All.Count);
        Agency.OpdPsychology.Label().ShouldBe("OPD and psychology");
        Should.Throw<ArgumentOutOfRangeException>(() => ((Agency)0).Label());
    }
}
