using ComplexCases.Domain.People;

namespace ComplexCases.Domain.Evaluation;

/// <summary>What happened to a person after a screening date (outcomes.md). Values are stored: never renumber.</summary>
public enum OutcomeType : byte
{
    Recall = 1,
    Breach = 2,
    FurtherOffence = 3,
    /// <summary>Serious further offence.</summary>
    Sfo = 4,
    /// <summary>Death under supervision.</summary>
    Death = 5,
}

public static class OutcomeTypes
{
    private static readonly string[] Keys = ["", "RECALL", "BREACH", "FURTHER_OFFENCE", "SFO", "DEATH"];

    public static IReadOnlyList<OutcomeType> All { get; } = Enum.GetValues<OutcomeType>();

    /// <summary>The default set of a judgement: every type but death, which is not what the pilot exists to prevent.</summary>
    public static IReadOnlyList<OutcomeType> Default { get; } = [.. All.Where(t => t != OutcomeType.Death)];

    /// <summary>The word in outcome files and reports, e.g. <c>FURTHER_OFFENCE</c>.</summary>
    public static string ToKey(this OutcomeType type) => Keys[(int)type];

    /// <summary>Case-insensitive, as the file format allows.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out OutcomeType type)
    {
        for (var i = 1; i < Keys.Length; i++)
        {
            if (text.Equals(Keys[i], StringComparison.OrdinalIgnoreCase))
            {
                type = (OutcomeType)i;
                return true;
            }
        }
        type = default;
        return false;
    }

    /// <summary>One bit per type, for quick membership tests.</summary>
    public static int MaskOf(IEnumerable<OutcomeType> types) => types.Aggregate(0, (mask, t) => mask | (1 << (int)t));
}

/// <summary>One outcome: this person, this date, this type.</summary>
public readonly record struct OutcomeRecord(Crn Crn, DateOnly OccurredOn, OutcomeType Type);
