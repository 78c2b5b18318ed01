namespace ComplexCases.TestSupport.Screening;

/// <summary>The dates builders use when a test does not say: one screening date and sensible record dates before it.</summary>
public static class TestDates
{
    /// <summary>The default screening date D (mid-month, so month arithmetic has no end-of-month surprises).</summary>
    public static DateOnly AsOf { get; } = new(2024, 6, 15);

    /// <summary>Default date for registrations, sentences and OPD screenings: well before D.</summary>
    public static DateOnly RecordedOn { get; } = AsOf.AddMonths(-6);

    /// <summary>Default completion date of an assessment: recent, so never stale under the pilot's look-back.</summary>
    public static DateOnly AssessedOn { get; } = AsOf.AddMonths(-3);
}
