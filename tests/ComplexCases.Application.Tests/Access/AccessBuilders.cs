using ComplexCases.Application.Access;

namespace ComplexCases.Application.Tests.Access;

/// <summary>Staff users with defaults that place them on every axis of <see cref="Cases.Default"/>; tests change only what they test.</summary>
internal static class Users
{
    public const string StaffCode = "STAFF1";
    public const string TeamCode = "TEAM1";
    public const string PduCode = "PDU1";
    public const string RegionCode = "REG1";

    public static StaffUser Create(Role role, Func<StaffUser, StaffUser>? configure = null) => Create([role], configure);

    public static StaffUser Create(IEnumerable<Role> roles, Func<StaffUser, StaffUser>? configure = null)
    {
        var user = new StaffUser("user-1", "Test User", roles)
        {
            StaffCode = StaffCode,
            TeamCodes = new HashSet<string> { TeamCode },
            PduCode = PduCode,
            RegionCode = RegionCode,
        };
        return configure is null ? user : configure(user);
    }

    public static StaffUser NamedFor(this StaffUser user, params string[] crns) => user with { LimitedAccessCrns = crns.ToHashSet() };

    public static StaffUser InTeams(this StaffUser user, params string[] teams) => user with { TeamCodes = teams.ToHashSet() };

    /// <summary>Placed nowhere: no staff code, team, PDU or region.</summary>
    public static StaffUser Unplaced(this StaffUser user) =>
        user with { StaffCode = null, TeamCodes = new HashSet<string>(), PduCode = null, RegionCode = null };
}

/// <summary>Case facts; <see cref="Default"/> is the case the default user is placed for (practitioner, team, PDU, region).</summary>
internal static class Cases
{
    public const string SpoCode = "STAFF2";

    public static CaseFacts Default { get; } =
        new("E000001", Users.PduCode, Users.RegionCode, Users.TeamCode, Users.StaffCode, SpoCode, LimitedAccess: false);

    /// <summary>A case sharing nothing with the default user.</summary>
    public static CaseFacts Elsewhere { get; } =
        new("E000002", "PDU9", "REG9", "TEAM9", "STAFF8", "STAFF9", LimitedAccess: false);

    public static CaseFacts Create(Func<CaseFacts, CaseFacts>? configure = null) => configure is null ? Default : configure(Default);

    public static CaseFacts Limited(this CaseFacts c) => c with { LimitedAccess = true };
}
