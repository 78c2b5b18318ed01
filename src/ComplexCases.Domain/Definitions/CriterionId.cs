namespace ComplexCases.Domain.Definitions;

/// <summary>
/// The criteria the engine knows how to evaluate. The numeric value is the criterion's bit in stored
/// outcome masks, so it must never change: outcomes stored under one definition stay comparable with another.
/// </summary>
public enum CriterionId : byte
{
    Rosh = 0,
    MentalHealth = 1,
    SelfHarm = 2,
    LearningDifficulties = 3,
    Mappa = 4,
    Opd = 5,
    Substance = 6,
    Ipp = 7,
}

public static class CriterionIds
{
    public const int Count = 8;

    private static readonly string[] Names =
        ["rosh", "mental_health", "self_harm", "learning_difficulties", "mappa", "opd", "substance", "ipp"];

    public static IReadOnlyList<CriterionId> All { get; } = Enum.GetValues<CriterionId>();

    /// <summary>The id used in definition files and outputs, e.g. <c>mental_health</c>.</summary>
    public static string ToKey(this CriterionId id) => Names[(int)id];

    public static bool TryParse(string? key, out CriterionId id)
    {
        var index = key is null ? -1 : Array.IndexOf(Names, key);
        id = index < 0 ? default : (CriterionId)index;
        return index >= 0;
    }

    /// <summary>The criteria whose bits are set in <paramref name="mask"/>, in id order.</summary>
    public static IEnumerable<CriterionId> InMask(int mask)
    {
        for (var i = 0; i < Count; i++)
        {
            if ((mask & (1 << i)) != 0) yield return (CriterionId)i;
        }
    }
}
