using ComplexCases.Application.Workflow;
using ComplexCases.Domain.Workflow;
using Microsoft.Extensions.Options;

namespace ComplexCases.Web.Workflow;

/// <summary>
/// The <c>Workflow</c> section as written in configuration. Every value is optional: an absent one keeps the shipped
/// default. A value that is not a whole number is refused by the binder, naming its key; one out of range is refused by
/// <see cref="WorkflowOptionsValidator"/>, in the words the domain uses for it.
/// </summary>
public sealed class WorkflowOptions
{
    public TimescaleOptions Timescales { get; set; } = new();

    /// <summary>The definition whose monthly lists feed the process (default <see cref="WorkflowSettings.DefaultDefinitionId"/>).</summary>
    public string? DefinitionId { get; set; }

    public ReentryOptions Reentry { get; set; } = new();

    public sealed class TimescaleOptions
    {
        public int? ConversationWorkingDays { get; set; }
        public int? TriageWorkingDays { get; set; }
        public int? FollowUpWorkingDays { get; set; }
    }

    public sealed class ReentryOptions
    {
        /// <summary>Months after which a closed case still listed starts again (default 6).</summary>
        public int? MonthsClosed { get; set; }
    }

    /// <summary>The settings the use cases run on: these values over the defaults, with the data files of <paramref name="definitionsFolder"/>.</summary>
    /// <exception cref="InvalidOperationException">A value out of range or a data file missing or invalid, named as in configuration.</exception>
    internal WorkflowSettings ToSettings(string definitionsFolder)
    {
        var defaults = Domain.Workflow.Timescales.Default;
        Timescales timescales;
        try
        {
            timescales = new Timescales(
                Timescales.ConversationWorkingDays ?? defaults.ConversationWorkingDays,
                Timescales.TriageWorkingDays ?? defaults.TriageWorkingDays,
                Timescales.FollowUpWorkingDays ?? defaults.FollowUpWorkingDays);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            // Name the setting as it is written in configuration, not the constructor parameter.
            throw new InvalidOperationException($"{WorkflowServices.Section}:{nameof(Timescales)}: {ex.Message}", ex);
        }
        ReentryRule reentry;
        try
        {
            reentry = Reentry.MonthsClosed is { } months ? new ReentryRule(months) : ReentryRule.Default;
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new InvalidOperationException($"{WorkflowServices.Section}:{nameof(Reentry)}:{nameof(ReentryOptions.MonthsClosed)}: {ex.Message}", ex);
        }
        return WorkflowSettings.Load(definitionsFolder, timescales, DefinitionId) with { Reentry = reentry };
    }
}

/// <summary>
/// Builds the settings once at start-up (with <c>ValidateOnStart</c>), so a bad value or a damaged data file stops the
/// start with its message rather than failing the first request that needs the workflow.
/// </summary>
internal sealed class WorkflowOptionsValidator(string definitionsFolder) : IValidateOptions<WorkflowOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkflowOptions options)
    {
        try
        {
            options.ToSettings(definitionsFolder);
            return ValidateOptionsResult.Success;
        }
        catch (InvalidOperationException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
