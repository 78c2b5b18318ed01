using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Web.Tests.Pages;

/// <summary>The capacity page's defaults come from <c>Capacity:*</c>; a value that would make every forecast meaningless stops the start, naming its key.</summary>
public sealed class CapacitySettingsTests
{
    [Theory]
    [InlineData("Capacity:CasesPerMeeting", "0", "Capacity:CasesPerMeeting must be 1 or more")]
    [InlineData("Capacity:PanelCaseMinutes", "-30", "minutes per step must be 0 or more")]
    [InlineData("Capacity:EnglandAndWalesPopulation", "0", "Capacity:EnglandAndWalesPopulation must be 1 or more")]
    public void AnUnusableDefault_StopsTheStart(string key, string value, string message)
    {
        using var site = new ConfiguredSiteFactory("Development", new Dictionary<string, string?> { [key] = value });

        var failure = Should.Throw<Microsoft.Extensions.Options.OptionsValidationException>(() => site.CreateClient());

        failure.Message.ShouldContain(message);
    }

    [Fact]
    public void ConfiguredDefaults_AreWhatThePageOffers()
    {
        using var site = new ConfiguredSiteFactory("Development", new Dictionary<string, string?> { ["Capacity:CasesPerMeeting"] = "9" });
        using var scope = site.Services.CreateScope();

        scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Application.Insight.CapacityOptions>>().Value.CasesPerMeeting.ShouldBe(9);
    }
}
