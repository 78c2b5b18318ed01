namespace ComplexCases.Domain.Workflow;

/// <summary>How long each step may take, in working days. Configurable; the defaults are the pilot's.</summary>
public sealed record Timescales
{
    public const int MaxWorkingDays = 260;

    public Timescales(int conversationWorkingDays = 20, int triageWorkingDays = 10, int followUpWorkingDays = 40)
    {
        ConversationWorkingDays = Check(conversationWorkingDays, nameof(conversationWorkingDays));
        TriageWorkingDays = Check(triageWorkingDays, nameof(triageWorkingDays));
        FollowUpWorkingDays = Check(followUpWorkingDays, nameof(followUpWorkingDays));
    }

    /// <summary>From the list's date to the reflective practice conversation.</summary>
    public int ConversationWorkingDays { get; }

    /// <summary>From escalation to the triage meeting.</summary>
    public int TriageWorkingDays { get; }

    /// <summary>From the panel's discussion to its follow-up review.</summary>
    public int FollowUpWorkingDays { get; }

    public static Timescales Default { get; } = new();

    private static int Check(int days, string name) =>
        days is < 1 or > MaxWorkingDays
            ? throw new ArgumentOutOfRangeException(name, days, $"Must be between 1 and {MaxWorkingDays} working days.")
            : days;
}
