namespace ComplexCases.Domain.Audit;

/// <summary>
/// The processing operations the Data Protection Act 2018 s.62(1) requires a log of. The numeric values and
/// keys are stored and hashed, so they must never change.
/// </summary>
public enum AuditAction
{
    Collection = 0,
    Alteration = 1,
    Consultation = 2,
    Disclosure = 3,
    Combination = 4,
    Erasure = 5,
}

public static class AuditActions
{
    private static readonly string[] Keys = ["collection", "alteration", "consultation", "disclosure", "combination", "erasure"];

    public static IReadOnlyList<AuditAction> All { get; } = Enum.GetValues<AuditAction>();

    /// <summary>The word stored in the log and used in the hash, e.g. <c>collection</c>.</summary>
    public static string ToKey(this AuditAction action) =>
        (int)action >= 0 && (int)action < Keys.Length ? Keys[(int)action] : throw new ArgumentOutOfRangeException(nameof(action), action, "Not an audit action.");

    public static bool TryParse(string? key, out AuditAction action)
    {
        var index = key is null ? -1 : Array.IndexOf(Keys, key);
        action = index < 0 ? default : (AuditAction)index;
        return index >= 0;
    }
}
