using ComplexCases.Data.Screening;

namespace ComplexCases.Application.Access;

/// <summary>Access rules as WHERE clauses: compose onto any query of listed cases before paging or counting.</summary>
public static class VisibleCases
{
    /// <summary>The cases the user may see (exactly those for which <see cref="CaseAccess.CanSee"/> is true).</summary>
    public static IQueryable<ListedCase> VisibleTo(this IQueryable<ListedCase> cases, StaffUser user) =>
        cases.PermittedTo(user, Permission.ViewCase);

    /// <summary>The cases on which the user holds a case-scoped permission, e.g. <see cref="Permission.DownloadList"/>.</summary>
    public static IQueryable<ListedCase> PermittedTo(this IQueryable<ListedCase> cases, StaffUser user, Permission permission) =>
        cases.Matching(CaseFilter.For(user, permission));

    public static IQueryable<ListedCase> Matching(this IQueryable<ListedCase> cases, CaseFilter filter) =>
        cases.Where(filter.ToPredicate());
}
