using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.Screening;

namespace ComplexCases.Application.Lists;

/// <summary>One line of a monthly list: a listed person, or one listed last time who is not listed now.</summary>
public sealed record ListEntry(
    string Crn,
    string PduCode,
    string? PduName,
    string? RegionCode,
    ScreeningStatus Status,
    ListChange Change,
    int Score,
    byte MetMask,
    byte UnknownMask,
    int MonthsListed)
{
    public string? Forename { get; init; }
    public string? Surname { get; init; }
    public string? TeamCode { get; init; }
    public string? TeamName { get; init; }
    public string? PractitionerCode { get; init; }
    public string? PractitionerName { get; init; }
    public string? SpoCode { get; init; }
    public string? SpoName { get; init; }
    public bool LimitedAccess { get; init; }
    /// <summary>The person's index in the run's caseload; −1 for someone listed last time and no longer in the extract.</summary>
    internal int Person { get; init; } = -1;

    /// <summary>The status word of the output contract: complex, possibly_complex or left.</summary>
    public string StatusText => Change == ListChange.Left ? "left" : Status switch
    {
        ScreeningStatus.Complex => "complex",
        ScreeningStatus.PossiblyComplex => "possibly_complex",
        _ => "not_listed",
    };

    public string ChangeText => Change switch
    {
        ListChange.New => "new",
        ListChange.Continuing => "continuing",
        _ => "left",
    };

    public IEnumerable<string> Met => CriterionIds.InMask(MetMask).Select(c => c.ToKey());
    public IEnumerable<string> Unknown => CriterionIds.InMask(UnknownMask).Select(c => c.ToKey());
}
