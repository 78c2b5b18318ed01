using System.Linq.Expressions;
using ComplexCases.Data.Screening;

namespace ComplexCases.Application.Access;

/// <summary>What the access rules need to know about a case: where it sits and whether it is limited-access.</summary>
public sealed record CaseFacts(
    string Crn,
    string PduCode,
    string? RegionCode,
    string? TeamCode,
    string? PractitionerCode,
    string? SpoCode,
    bool LimitedAccess)
{
    /// <summary>For a query's Select, so that only these columns are read.</summary>
    public static Expression<Func<ListedCase, CaseFacts>> FromListedCase { get; } =
        c => new CaseFacts(c.Crn, c.PduCode, c.RegionCode, c.TeamCode, c.PractitionerCode, c.SpoCode, c.LimitedAccess);

    public static CaseFacts Of(ListedCase c) =>
        new(c.Crn, c.PduCode, c.RegionCode, c.TeamCode, c.PractitionerCode, c.SpoCode, c.LimitedAccess);
}
