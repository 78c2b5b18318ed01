using ComplexCases.Application.Access;
using ComplexCases.Data.Screening;

namespace ComplexCases.Application.Tests.Access;

/// <summary>
/// Every combination of a small set of case facts, and users of every role pair on several placements, so that each
/// rule's match, near miss and null are all exercised. Staff codes are shared between practitioner and SPO columns
/// to catch one being read for the other.
/// </summary>
internal static class AccessGrid
{
    private static readonly string[] Pdus = ["PDU1", "PDU2"];
    private static readonly string?[] Regions = ["REG1", "REG2", null];
    private static readonly string?[] Teams = ["TEAM1", "TEAM2", null];
    private static readonly string?[] StaffCodes = ["STAFF1", "STAFF2", null];

    public static IReadOnlyList<CaseFacts> Cases { get; } = BuildCases();

    public static IReadOnlyList<StaffUser> Users { get; } = BuildUsers();

    public static ListedCase ToListedCase(CaseFacts c, int runId) => new()
    {
        RunId = runId,
        Crn = c.Crn,
        PduCode = c.PduCode,
        RegionCode = c.RegionCode,
        TeamCode = c.TeamCode,
        PractitionerCode = c.PractitionerCode,
        SpoCode = c.SpoCode,
        LimitedAccess = c.LimitedAccess,
        Forename = "Forename " + c.Crn,
        Surname = "Surname " + c.Crn,
        EvidenceJson = "[]",
    };

    public static string Describe(StaffUser user) =>
        $"[{string.Join("+", user.Roles.Order())}] staff={user.StaffCode} teams={string.Join(",", user.TeamCodes.Order())} " +
        $"pdu={user.PduCode} region={user.RegionCode} lao={user.LimitedAccessCrns.Count}";

    private static List<CaseFacts> BuildCases()
    {
        var cases = new List<CaseFacts>();
        foreach (var pdu in Pdus)
        foreach (var region in Regions)
        foreach (var team in Teams)
        foreach (var practitioner in StaffCodes)
        foreach (var spo in StaffCodes)
        foreach (var limited in new[] { false, true })
            cases.Add(new CaseFacts($"E{cases.Count:D6}", pdu, region, team, practitioner, spo, limited));
        return cases;
    }

    private static List<StaffUser> BuildUsers()
    {
        var roles = Enum.GetValues<Role>();
        var roleSets = new List<Role[]> { Array.Empty<Role>(), roles };
        roleSets.AddRange(roles.Select(r => new[] { r }));
        roleSets.AddRange(from a in roles from b in roles where a < b select new[] { a, b });

        // Named for every other limited-access case, so each role meets named and unnamed ones.
        var named = Cases.Where(c => c.LimitedAccess).Select(c => c.Crn).Where((_, i) => i % 2 == 0).ToHashSet();
        Func<StaffUser, StaffUser>[] placements =
        [
            u => u with { StaffCode = "STAFF1", TeamCodes = new HashSet<string> { "TEAM1" }, PduCode = "PDU1", RegionCode = "REG1" },
            u => u with { StaffCode = "STAFF2", TeamCodes = new HashSet<string> { "TEAM1", "TEAM2" }, PduCode = "PDU2", RegionCode = "REG2" },
            u => u,
        ];

        var users = new List<StaffUser>();
        foreach (var set in roleSets)
        foreach (var place in placements)
        {
            var user = place(new StaffUser($"user-{users.Count}", "Grid User", set));
            users.Add(user);
            users.Add(user with { LimitedAccessCrns = named });
        }
        return users;
    }
}
