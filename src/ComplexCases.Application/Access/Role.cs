namespace ComplexCases.Application.Access;

/// <summary>What a signed-in member of staff does in the pilot. A user may hold several; their access is the union.</summary>
/// <remarks>Values are explicit because a role may be stored by number; never renumber.</remarks>
public enum Role
{
    /// <summary>Probation practitioner: their own cases.</summary>
    Practitioner = 1,
    /// <summary>Senior probation officer: their team's cases.</summary>
    Spo = 2,
    /// <summary>Head of probation delivery unit: their PDU.</summary>
    HeadOfPdu = 3,
    /// <summary>Complex Cases Panel team: their region.</summary>
    PanelTeam = 4,
    /// <summary>Panel member from another agency: only cases on their panels' agendas (from the workflow issue).</summary>
    PanelMember = 5,
    /// <summary>Quality Development Officer: their region, read-only.</summary>
    Qdo = 6,
    /// <summary>Analyst: aggregate and pseudonymised views, no names.</summary>
    Analyst = 7,
    /// <summary>Administrator: users, definitions, audit; no case details unless another role grants them.</summary>
    Administrator = 8,
}
