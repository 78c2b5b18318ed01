using System.Linq.Expressions;
using ComplexCases.Data.Screening;

namespace ComplexCases.Application.Access;

/// <summary>
/// The limited-access rule, written once: a limited-access case is open only to staff named for it. It narrows every role
/// (being named is necessary, never sufficient), so <see cref="CaseAccess"/> and <see cref="CaseFilter"/> apply it on top of
/// the permissions grid. <see cref="Opens(IReadOnlySet{string}, CaseFacts)"/> evaluates it in memory and
/// <see cref="OpenTo"/> states it as a WHERE clause, both from the one expression <see cref="Rule"/>.
/// </summary>
public static class LimitedAccess
{
    /// <summary>(limited-access?, CRN, CRNs the user is named for) → may the case be reached at all.</summary>
    public static Expression<Func<bool, string, IEnumerable<string>, bool>> Rule { get; } =
        (limitedAccess, crn, named) => !limitedAccess || named.Contains(crn);

    private static readonly Func<bool, string, IEnumerable<string>, bool> InMemory = Rule.Compile();

    /// <summary>The rule in memory (a set's own Contains, so one lookup per case).</summary>
    public static bool Opens(IReadOnlySet<string> named, CaseFacts c) => InMemory(c.LimitedAccess, c.Crn, named);

    public static bool Opens(StaffUser user, CaseFacts c) => Opens(user.LimitedAccessCrns, c);

    /// <summary>
    /// The rule as a predicate EF Core translates: the case's own columns for the first two arguments, the named CRNs sent
    /// as parameters (none named: only the flag is tested; one: an equality, which an index can use).
    /// </summary>
    public static Expression<Func<ListedCase, bool>> OpenTo(IReadOnlySet<string> named)
    {
        var c = Expression.Parameter(typeof(ListedCase), "c");
        var body = new Binder(
            Rule.Parameters[0], Expression.Property(c, nameof(ListedCase.LimitedAccess)),
            Rule.Parameters[1], Expression.Property(c, nameof(ListedCase.Crn)),
            Rule.Parameters[2], named).Visit(Rule.Body);
        return Expression.Lambda<Func<ListedCase, bool>>(body, c);
    }

    /// <summary>Puts the case's columns in place of the rule's parameters and the named CRNs in place of its Contains.</summary>
    private sealed class Binder(
        ParameterExpression limitedParameter, Expression limited, ParameterExpression crnParameter, Expression crn,
        ParameterExpression namedParameter, IReadOnlySet<string> named) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            node == limitedParameter ? limited : node == crnParameter ? crn : base.VisitParameter(node);

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.Name != nameof(Enumerable.Contains) || node.Arguments.Count != 2 || node.Arguments[0] != namedParameter)
                return base.VisitMethodCall(node);
            var sorted = named.Order(StringComparer.Ordinal).ToArray();
            return sorted.Length switch
            {
                0 => Expression.Constant(false),
                1 => Expression.Equal(crn, Captured(sorted[0])),
                _ => Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(string)], Captured(sorted), crn),
            };
        }

        // `!flag || false` is `!flag`: with nobody named, the clause is only the flag.
        protected override Expression VisitBinary(BinaryExpression node)
        {
            var visited = base.VisitBinary(node);
            return visited is BinaryExpression { NodeType: ExpressionType.OrElse, Right: ConstantExpression { Value: false } } or
                ? or.Left
                : visited;
        }
    }

    // A field of a captured object, as a C# closure compiles to, so EF sends a parameter rather than a literal.
    internal static MemberExpression Captured<T>(T value) =>
        Expression.Field(Expression.Constant(new Box<T>(value)), nameof(Box<T>.Value));

    private sealed class Box<T>(T value)
    {
        public readonly T Value = value;
    }
}
