using ComplexCases.Application.Insight;
using Microsoft.Extensions.Options;

// In the web's root namespace so that Program.cs needs one line and no using.
namespace ComplexCases.Web;

/// <summary>
/// The capacity page's defaults (<c>Capacity:*</c>), bound as options and checked when the site starts: a negative
/// number of minutes or a meeting that can discuss no case would make every forecast meaningless, so it stops the start
/// naming the key rather than showing wrong hours.
/// </summary>
internal static class CapacitySetup
{
    public static IServiceCollection AddCapacityPlanning(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CapacityOptions>().Bind(configuration.GetSection(CapacityOptions.Section))
            .Validate(o => new[] { o.ListingMinutes, o.ConversationMinutes, o.EscalationMinutes, o.TriageMinutes, o.PanelCaseMinutes, o.ActionMinutes }
                .All(minutes => double.IsFinite(minutes) && minutes >= 0),
                $"{CapacityOptions.Section}: minutes per step must be 0 or more.")
            .Validate(o => o.CasesPerMeeting >= 1, $"{CapacityOptions.Section}:{nameof(CapacityOptions.CasesPerMeeting)} must be 1 or more.")
            .Validate(o => o.EnglandAndWalesPopulation >= 1, $"{CapacityOptions.Section}:{nameof(CapacityOptions.EnglandAndWalesPopulation)} must be 1 or more.")
            .ValidateOnStart();
        return services;
    }
}
