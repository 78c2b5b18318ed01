using Microsoft.AspNetCore.Identity;

namespace ComplexCases.Data.Accounts;

/// <summary>
/// A local sign-in account (ASP.NET Core Identity) with what decides what its holder may see:
/// roles and the staff, team, PDU and region codes that scope their cases.
/// </summary>
public sealed class StaffAccount : IdentityUser
{
    public required string DisplayName { get; set; }
    /// <summary>Role names (ComplexCases.Application.Access.Role), comma-separated.</summary>
    public required string Roles { get; set; }
    public string? StaffCode { get; set; }
    /// <summary>Team codes, comma-separated (an SPO may lead more than one team).</summary>
    public string? TeamCodes { get; set; }
    public string? PduCode { get; set; }
    public string? RegionCode { get; set; }
    /// <summary>Demo accounts exist only in demo mode and are never created elsewhere.</summary>
    public bool IsDemo { get; set; }
}
