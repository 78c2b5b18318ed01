using ComplexCases.Data;
using ComplexCases.Data.Accounts;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Access;

/// <summary>
/// The local accounts as the access rules see them, read once per sweep: who holds a staff code, and who is on a region's
/// panel team. Recipients are then checked against <see cref="CaseAccess"/>, so nobody is told about a case they could not open.
/// </summary>
public sealed class StaffDirectory
{
    private readonly ILookup<string, StaffUser> _byStaffCode;
    private readonly ILookup<string, StaffUser> _panelTeamByRegion;

    private StaffDirectory(IReadOnlyList<StaffUser> users)
    {
        Users = users;
        _byStaffCode = users.Where(u => u.StaffCode is not null).ToLookup(u => u.StaffCode!, StringComparer.Ordinal);
        _panelTeamByRegion = users.Where(u => u.HasRole(Role.PanelTeam) && u.RegionCode is not null)
            .ToLookup(u => u.RegionCode!, StringComparer.Ordinal);
    }

    public IReadOnlyList<StaffUser> Users { get; }

    /// <summary>Every account that can sign in (a few hundred at most in a region: one small read).</summary>
    public static StaffDirectory Load(ComplexCasesDbContext db)
    {
        var accounts = db.Users.AsNoTracking().Where(u => u.UserName != null).ToList();
        return new StaffDirectory([.. accounts.Select(ToStaffUser).OfType<StaffUser>()]);
    }

    public static StaffDirectory Of(IEnumerable<StaffUser> users) => new([.. users]);

    /// <summary>Accounts whose staff code is <paramref name="staffCode"/> (normally one; none for an unallocated case).</summary>
    public IEnumerable<StaffUser> WithStaffCode(string? staffCode) => staffCode is null ? [] : _byStaffCode[staffCode];

    public IEnumerable<StaffUser> PanelTeamOf(string? regionCode) => regionCode is null ? [] : _panelTeamByRegion[regionCode];

    public StaffUser? Find(string userName) => Users.FirstOrDefault(u => u.Id == userName);

    /// <summary>An account as a <see cref="StaffUser"/> (the same reading of roles and codes as the sign-in cookie); null if it cannot be one.</summary>
    public static StaffUser? ToStaffUser(StaffAccount account)
    {
        if (string.IsNullOrWhiteSpace(account.UserName)) return null;
        var roles = Split(account.Roles).Select(r => Enum.TryParse<Role>(r, out var role) && Enum.IsDefined(role) ? role : (Role?)null).OfType<Role>();
        return new StaffUser(account.UserName, string.IsNullOrWhiteSpace(account.DisplayName) ? account.UserName : account.DisplayName, roles)
        {
            StaffCode = Blank(account.StaffCode),
            TeamCodes = Split(account.TeamCodes).ToHashSet(StringComparer.Ordinal),
            PduCode = Blank(account.PduCode),
            RegionCode = Blank(account.RegionCode),
        };
    }

    private static string[] Split(string? values) =>
        (values ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
