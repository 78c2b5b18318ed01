namespace ComplexCases.Application.Access;

/// <summary>How much of the identifying details a user may see across the cases they can view.</summary>
public enum NameVisibility
{
    /// <summary>Every case they can view shows names.</summary>
    All = 1,
    /// <summary>No case shows names: pseudonyms only.</summary>
    None = 2,
    /// <summary>Some cases show names and some pseudonyms (e.g. an analyst who is also a practitioner): decide per case.</summary>
    PerCase = 3,
}

/// <summary>
/// Whether a user may do a case-scoped thing to a particular case. Pure: the rules in words, evaluated in memory.
/// <see cref="CaseFilter"/> states the same rules as data for a database query; tests hold the two in agreement.
/// </summary>
public static class CaseAccess
{
    /// <summary>May the user see this case at all (list row or case page)?</summary>
    public static bool CanSee(StaffUser user, CaseFacts c) => Can(user, Permission.ViewCase, c);

    /// <summary>May the user see this case's names rather than a pseudonym?</summary>
    public static bool CanSeeNames(StaffUser user, CaseFacts c) => Can(user, Permission.ViewCaseNames, c);

    /// <summary>
    /// True when one of the user's roles both holds the permission and reaches the case. Per role, not over the
    /// union: an analyst who is also a practitioner sees every case but names only on their own.
    /// </summary>
    public static bool Can(StaffUser user, Permission permission, CaseFacts c)
    {
        RequireCaseScoped(permission);
        // Limited access narrows every role: being named is necessary, never sufficient, so an administrator or
        // panel member named for a case still sees nothing, and nobody unnamed sees it whatever their role.
        if (!LimitedAccess.Opens(user, c)) return false;
        foreach (var role in user.Roles)
        {
            if (Permissions.Has(role, permission) && Reaches(Permissions.ScopeOf(role), user, c)) return true;
        }
        return false;
    }

    public static NameVisibility NamesFor(StaffUser user)
    {
        var names = CaseFilter.For(user, Permission.ViewCaseNames);
        if (names.IsNone) return NameVisibility.None;
        return names.Equals(CaseFilter.For(user, Permission.ViewCase)) ? NameVisibility.All : NameVisibility.PerCase;
    }

    internal static void RequireCaseScoped(Permission permission)
    {
        if (!Permissions.CaseScoped.Contains(permission))
            throw new ArgumentOutOfRangeException(nameof(permission), permission, "Not a case-scoped permission: ask Permissions.Has.");
    }

    private static bool Reaches(CaseScope scope, StaffUser user, CaseFacts c) => scope switch
    {
        CaseScope.OwnCases => user.StaffCode is { } staff && c.PractitionerCode == staff,
        CaseScope.TeamCases => (user.StaffCode is { } spo && c.SpoCode == spo) || (c.TeamCode is { } team && user.TeamCodes.Contains(team)),
        CaseScope.Pdu => user.PduCode is { } pdu && c.PduCode == pdu,
        CaseScope.Region => user.RegionCode is { } region && c.RegionCode == region,
        CaseScope.All => true,
        CaseScope.PanelAgenda => user.PanelAgendaCrns.Contains(c.Crn),
        _ => false,
    };
}
