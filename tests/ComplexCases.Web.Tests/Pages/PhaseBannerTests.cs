namespace ComplexCases.Web.Tests.Pages;

/// <summary>The phase banner tells people when what they see is made up, and only then.</summary>
public sealed class PhaseBannerTests(DemoSiteFactory demo) : IClassFixture<DemoSiteFactory>
{
    [Fact]
    public async Task Banner_DemoMode_SaysTheDataIsSynthetic()
    {
        var html = await demo.CreateClient().GetStringAsync("/sign-in");

        html.ShouldContain("Synthetic demonstration data only.");
    }

    [Fact]
    public async Task Banner_RealData_DoesNotClaimTheDataIsSynthetic()
    {
        using var site = new ConfiguredSiteFactory("Testing", new Dictionary<string, string?>());

        var html = await site.CreateClient().GetStringAsync("/sign-in");

        html.ShouldContain("This is a new service.");
        html.ShouldNotContain("Synthetic demonstration data");
    }
}
