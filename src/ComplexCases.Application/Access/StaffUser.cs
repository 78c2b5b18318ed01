using System.Collections.Frozen;
using ComplexCases.Domain.People;

namespace ComplexCases.Application.Access;

/// <summary>
/// A signed-in member of staff as the access rules see them: their roles, and what places them (staff code,
/// teams, PDU, region, the limited-access cases they are named for). Checked at construction: no blank codes,
/// no undefined roles, limited-access CRNs in canonical form (so they compare equal to stored CRNs).
/// </summary>
public sealed record StaffUser
{
    public StaffUser(string id, string displayName, IEnumerable<Role> roles)
    {
        Id = Required(id, nameof(id));
        DisplayName = Required(displayName, nameof(displayName));
        var set = roles.ToFrozenSet();
        foreach (var role in set)
        {
            if (!Enum.IsDefined(role)) throw new ArgumentException($"{(int)role} is not a role.", nameof(roles));
        }
        Roles = set;
    }

    public string Id { get; }

    public string DisplayName { get; }

    public IReadOnlySet<Role> Roles { get; }

    /// <summary>Staff code as in the extract: the practitioner or SPO code on the user's cases.</summary>
    public string? StaffCode { get; init => field = Optional(value, nameof(StaffCode)); }

    /// <summary>Teams whose cases an SPO sees.</summary>
    public IReadOnlySet<string> TeamCodes
    {
        get;
        init => field = Codes(value, nameof(TeamCodes));
    } = FrozenSet<string>.Empty;

    public string? PduCode { get; init => field = Optional(value, nameof(PduCode)); }

    public string? RegionCode { get; init => field = Optional(value, nameof(RegionCode)); }

    /// <summary>Limited-access cases the user is named for. Necessary, never sufficient: the case must also be in a role's scope.</summary>
    public IReadOnlySet<string> LimitedAccessCrns
    {
        get;
        init
        {
            var crns = Codes(value, nameof(LimitedAccessCrns));
            foreach (var crn in crns)
            {
                if (!Crn.TryParse(crn, out var parsed) || parsed.ToString() != crn)
                    throw new ArgumentException("Limited-access CRNs must be CRNs (one capital letter and six digits).", nameof(LimitedAccessCrns));
            }
            field = crns;
        }
    } = FrozenSet<string>.Empty;

    /// <summary>
    /// Cases on the agendas of the panel meetings the user is invited to whose follow-up has not closed: a panel member's
    /// whole reach. Loaded from the panel records when the user is resolved, so it follows invitations without a new sign-in.
    /// </summary>
    public IReadOnlySet<string> PanelAgendaCrns
    {
        get;
        init => field = Codes(value, nameof(PanelAgendaCrns));
    } = FrozenSet<string>.Empty;

    public bool HasRole(Role role) => Roles.Contains(role);

    public bool Has(Permission permission) => Permissions.Has(this, permission);

    public bool Equals(StaffUser? other) =>
        other is not null
        && Id == other.Id
        && DisplayName == other.DisplayName
        && Roles.SetEquals(other.Roles)
        && StaffCode == other.StaffCode
        && TeamCodes.SetEquals(other.TeamCodes)
        && PduCode == other.PduCode
        && RegionCode == other.RegionCode
        && LimitedAccessCrns.SetEquals(other.LimitedAccessCrns)
        && PanelAgendaCrns.SetEquals(other.PanelAgendaCrns);

    public override int GetHashCode() => HashCode.Combine(Id, DisplayName, Roles.Count, StaffCode, PduCode, RegionCode);

    private static string Required(string value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("Must not be blank.", name) : value;

    private static string? Optional(string? value, string name) =>
        value is not null && string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("Must be a code or absent, not blank.", name) : value;

    private static FrozenSet<string> Codes(IEnumerable<string>? values, string name)
    {
        var set = (values ?? []).ToFrozenSet(StringComparer.Ordinal);
        return set.Any(string.IsNullOrWhiteSpace) ? throw new ArgumentException("Must not contain a blank code.", name) : set;
    }
}
