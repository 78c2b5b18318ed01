using System.Security.Cryptography;
using System.Text;
using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Data;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.Panels;
using ComplexCases.Domain.Workflow;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Panels;

/// <summary>What the panel team enters for a directory member. <see cref="UserName"/> links the member's own account, if they have one.</summary>
public sealed record PanelMemberInput(string? Name, Agency? Agency, string? JobTitle, string? Email, string? UserName);

/// <summary>
/// The panel directory: the people the panel team can invite, by agency, kept per region. Members are deactivated rather
/// than deleted, because past meetings name them. Every change is audited.
/// </summary>
public sealed class PanelDirectory(ComplexCasesDbContext db, AuditLog audit)
{
    public const int MaxName = 128;

    /// <summary>The region's members, active first, by agency then name; empty for a user who manages no region.</summary>
    public IReadOnlyList<PanelMemberRecord> List(StaffUser user, bool activeOnly = false)
    {
        if (PanelScope.ManagedRegion(user) is not { } region) return [];
        return [.. db.PanelMembers.AsNoTracking().Where(m => m.RegionCode == region && (!activeOnly || m.Active))
            .ToList()
            .OrderByDescending(m => m.Active).ThenBy(m => m.Agency).ThenBy(m => m.Name, StringComparer.Ordinal)];
    }

    public PanelMemberRecord? Find(StaffUser user, long id) =>
        PanelScope.ManagedRegion(user) is { } region
            ? db.PanelMembers.AsNoTracking().SingleOrDefault(m => m.Id == id && m.RegionCode == region)
            : null;

    /// <summary>
    /// A fingerprint of the member as shown, carried by the edit form: the directory has no version column, so an edit is
    /// saved only if the member is still as the editor saw it (compared inside the write transaction).
    /// </summary>
    public static string Stamp(PanelMemberRecord m) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join('\u001f', m.Name, m.Agency, m.JobTitle, m.Email ?? "", m.UserName ?? "", m.Active))))[..16];

    public UseCaseResult<PanelMemberRecord> Add(StaffUser user, PanelMemberInput input)
    {
        if (PanelScope.ManagedRegion(user) is not { } region) return UseCaseResult<PanelMemberRecord>.NotFound();
        var member = new PanelMemberRecord { Name = "", JobTitle = "", RegionCode = region };
        var errors = Validate(input, region, null);
        if (errors.Count > 0) return UseCaseResult<PanelMemberRecord>.Invalid(errors);
        Copy(input, member);
        using var transaction = db.Database.BeginTransaction();
        db.PanelMembers.Add(member);
        db.SaveChanges();
        Audit(user, member, "added");
        transaction.Commit();
        return UseCaseResult<PanelMemberRecord>.Ok(member);
    }

    /// <summary>Changes a member's details and whether they are active, if nobody changed them since <paramref name="stamp"/>.</summary>
    public UseCaseResult<PanelMemberRecord> Edit(StaffUser user, long id, string? stamp, PanelMemberInput input, bool active)
    {
        if (PanelScope.ManagedRegion(user) is not { } region) return UseCaseResult<PanelMemberRecord>.NotFound();
        var errors = Validate(input, region, id);
        if (errors.Count > 0) return UseCaseResult<PanelMemberRecord>.Invalid(errors);
        using var transaction = db.Database.BeginTransaction();
        var member = db.PanelMembers.SingleOrDefault(m => m.Id == id && m.RegionCode == region);
        if (member is null) return UseCaseResult<PanelMemberRecord>.NotFound();
        if (Stamp(member) != stamp)
        {
            db.ChangeTracker.Clear();
            return UseCaseResult<PanelMemberRecord>.Conflicted(
                $"{member.Name}'s directory entry was changed by someone else while you were working on it, so your changes have not been saved. "
                + "Check the entry as it is now, then try again if still needed.");
        }
        var wasActive = member.Active;
        Copy(input, member);
        member.Active = active;
        db.SaveChanges();
        Audit(user, member, wasActive == active ? "edited" : active ? "reactivated" : "deactivated");
        transaction.Commit();
        return UseCaseResult<PanelMemberRecord>.Ok(member);
    }

    private List<FieldError> Validate(PanelMemberInput input, string region, long? id)
    {
        var errors = new List<FieldError>();
        var name = (input.Name ?? "").Trim();
        if (name.Length == 0) errors.Add(new("Name", "Enter the member's name"));
        else if (name.Length > MaxName) errors.Add(new("Name", $"The name must be {MaxName} characters or fewer"));
        if (input.Agency is not { } agency || !Enum.IsDefined(agency)) errors.Add(new("Agency", "Choose the member's agency"));
        var title = (input.JobTitle ?? "").Trim();
        if (title.Length == 0) errors.Add(new("JobTitle", "Enter the member's job title or role"));
        else if (title.Length > MaxName) errors.Add(new("JobTitle", $"The job title must be {MaxName} characters or fewer"));
        var email = (input.Email ?? "").Trim();
        if (email.Length > 256) errors.Add(new("Email", "The email address must be 256 characters or fewer"));
        else if (email.Length > 0 && (email.IndexOf('@', StringComparison.Ordinal) is <= 0 || email.EndsWith('@') || email.Contains(' ', StringComparison.Ordinal)))
            errors.Add(new("Email", "Enter an email address in the correct format, like name@example.org"));
        var userName = (input.UserName ?? "").Trim();
        if (userName.Length > 256) errors.Add(new("UserName", "The user name must be 256 characters or fewer"));
        else if (userName.Length > 0)
        {
            // The link decides what the account may see (its panel agendas), so it must name a real account, once per region.
            if (!db.Users.AsNoTracking().Any(u => u.UserName == userName))
                errors.Add(new("UserName", "There is no account with that user name"));
            else if (db.PanelMembers.AsNoTracking().Any(m => m.RegionCode == region && m.UserName == userName && m.Id != (id ?? 0)))
                errors.Add(new("UserName", "Another directory member is linked to that account"));
        }
        return errors;
    }

    private static void Copy(PanelMemberInput input, PanelMemberRecord member)
    {
        member.Name = input.Name!.Trim();
        member.Agency = (int)input.Agency!.Value;
        member.JobTitle = input.JobTitle!.Trim();
        member.Email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim();
        member.UserName = string.IsNullOrWhiteSpace(input.UserName) ? null : input.UserName.Trim();
    }

    private void Audit(StaffUser user, PanelMemberRecord member, string change) =>
        audit.Append(db, new AuditEntryRequest(user.Id, AuditAction.Alteration, AuditEventTypes.PanelDirectoryChanged,
            "Complex Case Panel: directory kept")
        {
            Details = new AuditDetails().Add("memberId", member.Id).Add("change", change).Add("agency", ((Agency)member.Agency).ToKey())
                .Add("region", member.RegionCode).Add("linkedAccount", member.UserName ?? "").ToString(),
        });
}
