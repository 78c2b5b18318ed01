namespace ComplexCases.Domain.People;

/// <summary>One person under supervision, as the extract's people.csv describes them.</summary>
/// <param name="Line">Physical line in people.csv where the row starts (for evidence and rejections).</param>
public sealed record Person(
    Crn Crn,
    string PduCode,
    string RegionCode,
    int Line)
{
    public string? Forename { get; init; }
    public string? Surname { get; init; }
    public DateOnly? DateOfBirth { get; init; }
    public string? Gender { get; init; }
    public string? RegionName { get; init; }
    public string? PduName { get; init; }
    public string? TeamCode { get; init; }
    public string? TeamName { get; init; }
    /// <summary>Staff code of the responsible practitioner; null when unallocated.</summary>
    public string? PractitionerCode { get; init; }
    /// <summary>Limited-access case: only staff named for it may see its details.</summary>
    public bool LimitedAccess { get; init; }
}

/// <summary>One member of staff from staff.csv.</summary>
public sealed record StaffMember(string StaffCode, string Forename, string Surname, int Line)
{
    public string? Email { get; init; }
    public string? Grade { get; init; }
    public string? TeamCode { get; init; }
    public string? PduCode { get; init; }
    /// <summary>Line manager's staff code (a practitioner's SPO).</summary>
    public string? ManagerCode { get; init; }
}
