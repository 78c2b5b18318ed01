namespace ComplexCases.Extracts.Reading;

/// <summary>The files of an extract (format v1), in the fixed order used for reports and the fingerprint.</summary>
public static class ExtractFiles
{
    public const string People = "people.csv";
    public const string Staff = "staff.csv";
    public const string Registrations = "registrations.csv";
    public const string Assessments = "assessments.csv";
    public const string Sentences = "sentences.csv";
    public const string OpdScreenings = "opd_screenings.csv";

    public static IReadOnlyList<string> All { get; } = [People, Staff, Registrations, Assessments, Sentences, OpdScreenings];
}
