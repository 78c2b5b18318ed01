namespace ComplexCases.Domain.Panels;

/// <summary>The agencies a multi-agency panel can draw on. Values are stored: never renumber.</summary>
public enum Agency
{
    Probation = 1,
    Prison = 2,
    Police = 3,
    MentalHealth = 4,
    AdultSocialCare = 5,
    SubstanceMisuse = 6,
    Housing = 7,
    OpdPsychology = 8,
    LearningDisability = 9,
    ChildrensServices = 10,
}

public static class Agencies
{
    public static IReadOnlyList<Agency> All { get; } = Enum.GetValues<Agency>();

    private static readonly string[] Keys =
        ["", "probation", "prison", "police", "mental_health", "adult_social_care", "substance_misuse", "housing", "opd_psychology",
            "learning_disability", "childrens_services"];

    /// <summary>The key used in data files, e.g. <c>adult_social_care</c>.</summary>
    public static string ToKey(this Agency agency) => Keys[(int)agency];

    public static bool TryParse(string? key, out Agency agency)
    {
        var index = key is null ? -1 : Array.IndexOf(Keys, key);
        agency = index > 0 ? (Agency)index : default;
        return index > 0;
    }

    public static string Label(this Agency agency) => agency switch
    {
        Agency.Probation => "Probation",
        Agency.Prison => "Prison and parole",
        Agency.Police => "Police",
        Agency.MentalHealth => "Mental health",
        Agency.AdultSocialCare => "Adult social care",
        Agency.SubstanceMisuse => "Substance misuse services",
        Agency.Housing => "Housing",
        Agency.OpdPsychology => "OPD and psychology",
        Agency.LearningDisability => "Learning disability services",
        Agency.ChildrensServices => "Children's services",
        _ => throw new ArgumentOutOfRangeException(nameof(agency), agency, null),
    };
}
