using System.Collections.Frozen;
using System.Linq.Expressions;
using ComplexCases.Data.Screening;

namespace ComplexCases.Application.Access;

/// <summary>
/// The cases a user may reach with one permission, as data a query can be built from:
/// (<see cref="All"/> or practitioner in … or SPO in … or team in … or PDU in … or region in …)
/// and the limited-access rule (<see cref="LimitedAccess"/>) for <see cref="LimitedAccessCrns"/>.
/// </summary>
public sealed class CaseFilter : IEquatable<CaseFilter>
{
    private static readonly FrozenSet<string> Empty = FrozenSet<string>.Empty;

    private CaseFilter(
        bool all, FrozenSet<string> practitionerCodes, FrozenSet<string> spoCodes, FrozenSet<string> teamCodes,
        FrozenSet<string> pduCodes, FrozenSet<string> regionCodes, IReadOnlySet<string> limitedAccessCrns, FrozenSet<string>? crns = null)
    {
        Crns = crns ?? Empty;
        All = all;
        PractitionerCodes = practitionerCodes;
        SpoCodes = spoCodes;
        TeamCodes = teamCodes;
        PduCodes = pduCodes;
        RegionCodes = regionCodes;
        LimitedAccessCrns = limitedAccessCrns;
    }

    /// <summary>No case at all.</summary>
    public static CaseFilter None { get; } = new(false, Empty, Empty, Empty, Empty, Empty, Empty);

    /// <summary>Every case (then the code sets are empty); limited-access cases still need <see cref="LimitedAccessCrns"/>.</summary>
    public bool All { get; }

    public IReadOnlySet<string> PractitionerCodes { get; }

    public IReadOnlySet<string> SpoCodes { get; }

    public IReadOnlySet<string> TeamCodes { get; }

    public IReadOnlySet<string> PduCodes { get; }

    public IReadOnlySet<string> RegionCodes { get; }

    /// <summary>Cases reached by CRN (a panel member's agenda cases).</summary>
    public IReadOnlySet<string> Crns { get; }

    /// <summary>The only limited-access cases that may match.</summary>
    public IReadOnlySet<string> LimitedAccessCrns { get; }

    public bool IsNone => !All && PractitionerCodes.Count == 0 && SpoCodes.Count == 0 && TeamCodes.Count == 0
        && PduCodes.Count == 0 && RegionCodes.Count == 0 && Crns.Count == 0;

    /// <summary>The union of the scopes of the user's roles that hold the (case-scoped) permission.</summary>
    public static CaseFilter For(StaffUser user, Permission permission = Permission.ViewCase)
    {
        CaseAccess.RequireCaseScoped(permission);
        var all = false;
        List<string> practitioners = [], spos = [], teams = [], pdus = [], regions = [], crns = [];
        foreach (var role in user.Roles.Where(role => Permissions.Has(role, permission)))
        {
            switch (Permissions.ScopeOf(role))
            {
                case CaseScope.OwnCases:
                    if (user.StaffCode is { } staff) practitioners.Add(staff);
                    break;
                case CaseScope.TeamCases:
                    if (user.StaffCode is { } spo) spos.Add(spo);
                    teams.AddRange(user.TeamCodes);
                    break;
                case CaseScope.Pdu:
                    if (user.PduCode is { } pdu) pdus.Add(pdu);
                    break;
                case CaseScope.Region:
                    if (user.RegionCode is { } region) regions.Add(region);
                    break;
                case CaseScope.All:
                    all = true;
                    break;
                case CaseScope.PanelAgenda:
                    crns.AddRange(user.PanelAgendaCrns);
                    break;
                case CaseScope.None:
                default:
                    break;
            }
        }
        if (all) return new CaseFilter(true, Empty, Empty, Empty, Empty, Empty, user.LimitedAccessCrns);
        var filter = new CaseFilter(false, Set(practitioners), Set(spos), Set(teams), Set(pdus), Set(regions), user.LimitedAccessCrns, Set(crns));
        return filter.IsNone ? None : filter;
    }

    /// <summary>The filter evaluated in memory.</summary>
    public bool Matches(CaseFacts c) => LimitedAccess.Opens(LimitedAccessCrns, c) && Reaches(c);

    /// <summary>
    /// Whether the case sits in the filter's scope, leaving the limited-access rule aside: for counts only, where no case can
    /// be picked out (the aggregate views), a limited-access case still counts.
    /// </summary>
    public bool Reaches(CaseFacts c) =>
        All
            || Contains(PractitionerCodes, c.PractitionerCode)
            || Contains(SpoCodes, c.SpoCode)
            || Contains(TeamCodes, c.TeamCode)
            || PduCodes.Contains(c.PduCode)
            || Contains(RegionCodes, c.RegionCode)
            || Crns.Contains(c.Crn);

    /// <summary>The filter as a predicate EF Core translates to a WHERE clause (values sent as parameters).</summary>
    public Expression<Func<ListedCase, bool>> ToPredicate()
    {
        var c = Expression.Parameter(typeof(ListedCase), "c");
        if (IsNone) return Expression.Lambda<Func<ListedCase, bool>>(Expression.Constant(false), c);

        // Only the clauses that can match, so a single-role user's query is one indexable comparison.
        Expression? scope = null;
        if (!All)
        {
            foreach (var clause in new[]
            {
                In(c, nameof(ListedCase.PractitionerCode), PractitionerCodes),
                In(c, nameof(ListedCase.SpoCode), SpoCodes),
                In(c, nameof(ListedCase.TeamCode), TeamCodes),
                In(c, nameof(ListedCase.PduCode), PduCodes),
                In(c, nameof(ListedCase.RegionCode), RegionCodes),
                In(c, nameof(ListedCase.Crn), Crns),
            })
            {
                if (clause is not null) scope = scope is null ? clause : Expression.OrElse(scope, clause);
            }
        }
        var open = new ParameterReplacer(LimitedAccess.OpenTo(LimitedAccessCrns), c).Body;
        return Expression.Lambda<Func<ListedCase, bool>>(scope is null ? open : Expression.AndAlso(scope, open), c);
    }

    public bool Equals(CaseFilter? other) =>
        other is not null
        && All == other.All
        && PractitionerCodes.SetEquals(other.PractitionerCodes)
        && SpoCodes.SetEquals(other.SpoCodes)
        && TeamCodes.SetEquals(other.TeamCodes)
        && PduCodes.SetEquals(other.PduCodes)
        && RegionCodes.SetEquals(other.RegionCodes)
        && LimitedAccessCrns.SetEquals(other.LimitedAccessCrns)
        && Crns.SetEquals(other.Crns);

    public override bool Equals(object? obj) => Equals(obj as CaseFilter);

    public override int GetHashCode() => HashCode.Combine(All, PractitionerCodes.Count, SpoCodes.Count, TeamCodes.Count,
        PduCodes.Count, RegionCodes.Count, LimitedAccessCrns.Count);

    /// <summary>For logs: codes, but only a count of limited-access CRNs (they are personal data).</summary>
    public override string ToString()
    {
        if (IsNone) return "none";
        var scope = All ? "all" : string.Join(" or ", new[]
        {
            Describe("practitioner", PractitionerCodes), Describe("spo", SpoCodes), Describe("team", TeamCodes),
            Describe("pdu", PduCodes), Describe("region", RegionCodes), Crns.Count == 0 ? null : $"agenda cases: {Crns.Count}",
        }.Where(part => part is not null));
        return $"{scope}; limited-access cases named: {LimitedAccessCrns.Count}";
    }

    private static string? Describe(string column, IReadOnlySet<string> values) =>
        values.Count == 0 ? null : $"{column} in [{string.Join(", ", values.Order(StringComparer.Ordinal))}]";

    private static bool Contains(IReadOnlySet<string> values, string? value) => value is not null && values.Contains(value);

    private static FrozenSet<string> Set(List<string> values) => values.Count == 0 ? Empty : values.ToFrozenSet(StringComparer.Ordinal);

    private static Expression? In(ParameterExpression c, string column, IReadOnlySet<string> values)
    {
        if (values.Count == 0) return null;
        var property = Expression.Property(c, column);
        var sorted = values.Order(StringComparer.Ordinal).ToArray();
        return sorted.Length == 1
            ? Expression.Equal(property, LimitedAccess.Captured(sorted[0]))
            : Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(string)], LimitedAccess.Captured(sorted), property);
    }

    /// <summary>A predicate's body over this filter's parameter, so the two clauses share one lambda.</summary>
    private sealed class ParameterReplacer(Expression<Func<ListedCase, bool>> predicate, ParameterExpression c) : ExpressionVisitor
    {
        public Expression Body => Visit(predicate.Body);

        protected override Expression VisitParameter(ParameterExpression node) => node == predicate.Parameters[0] ? c : node;
    }
}
