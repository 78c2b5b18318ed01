using System.Linq.Expressions;
using ComplexCases.Data.Screening;

namespace ComplexCases.Application.Access;

/// <summary>
/// The limited-access rule: a limited-access case is open only to staff named for it. It narrows every role (being named
/// is necessary, never sufficient), so <see cref="CaseAccess"/> and <see cref="CaseFilter"/> apply it on top of the
/// permissions grid. <see cref="Opens(IReadOnlySet{string}, CaseFacts)"/> evaluates it in memory and <see cref="OpenTo"/>
/// states it as a WHERE clause: the one line is written in each form, side by side, and LimitedAccessTests proves on both
/// engines that the two agree on every case of the access grid (none, one and several named).
/// </summary>
public static class LimitedAccess
{
    /// <summary>The rule in memory (a set's own Contains, so one lookup per case).</summary>
    public static bool Opens(IReadOnlySet<string> named, CaseFacts c)
    {
        ArgumentNullException.ThrowIfNull(named);
        ArgumentNullException.ThrowIfNull(c);
        return !c.LimitedAccess || named.Contains(c.Crn);
    }

    public static bool Opens(StaffUser user, CaseFacts c) => Opens(user.LimitedAccessCrns, c);

    /// <summary>
    /// The rule as a predicate EF Core translates, the named CRNs sent as parameters: none named, only the flag is tested;
    /// one, an equality (which an index can use); more, an IN list.
    /// </summary>
    public static Expression<Func<ListedCase, bool>> OpenTo(IReadOnlySet<string> named)
    {
        ArgumentNullException.ThrowIfNull(named);
        var sorted = named.Order(StringComparer.Ordinal).ToArray();
        if (sorted.Length == 0) return c => !c.LimitedAccess;
        if (sorted.Length == 1)
        {
            var only = sorted[0];
            return c => !c.LimitedAccess || c.Crn == only;
        }
        // As an IEnumerable, so the call is Enumerable.Contains (not a span overload that a query cannot translate).
        IEnumerable<string> several = sorted;
        return c => !c.LimitedAccess || several.Contains(c.Crn);
    }

    // A field of a captured object, as a C# closure compiles to, so EF sends a parameter rather than a literal.
    internal static MemberExpression Captured<T>(T value) =>
        Expression.Field(Expression.Constant(new Box<T>(value)), nameof(Box<T>.Value));

    private sealed class Box<T>(T value)
    {
        public readonly T Value = value;
    }
}
