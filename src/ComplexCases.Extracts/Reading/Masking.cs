namespace ComplexCases.Extracts.Reading;

/// <summary>How a column's values are shown in rejection reports.</summary>
internal enum MaskKind : byte
{
    /// <summary>Not personal (codes, record dates, flags, scores): shown as written.</summary>
    None,
    /// <summary>A CRN: first three characters, e.g. <c>E12****</c>.</summary>
    Crn,
    /// <summary>A name: first letter, e.g. <c>S***</c>.</summary>
    Name,
    /// <summary>A date of birth: fully hidden.</summary>
    DateOfBirth,
    /// <summary>An e-mail address: first letter and the domain, e.g. <c>j***@example.org</c>.</summary>
    Email,
    /// <summary>Gender: fully hidden.</summary>
    Hidden,
}

internal static class Masking
{
    public const int MaxValueLength = 50;

    public static string Show(ReadOnlySpan<char> value, MaskKind kind)
    {
        if (value.IsEmpty) return "";
        return kind switch
        {
            MaskKind.None => Truncate(value),
            MaskKind.Crn => value.Length <= 3 ? "****" : string.Concat(value[..3], "****"),
            MaskKind.Name => string.Concat(value[..1], "***"),
            MaskKind.DateOfBirth => "****-**-**",
            MaskKind.Email => MaskEmail(value),
            _ => "*",
        };
    }

    // One shared string per masked form ("E12****": 2,600 of them), so that a file of orphans does
    // not hold a new string for every rejected row.
    private static readonly string?[] MaskedCrns = new string?[26 * 100];

    /// <summary>A name or message from outside, bounded and on one line, for an error message.</summary>
    public static string Shown(string value) => EchoText.Of(value);

    public static string Crn(Domain.People.Crn crn)
    {
        ref var masked = ref MaskedCrns[crn.Value / 10_000];
        return masked ??= Show(crn.ToString(), MaskKind.Crn);
    }

    private static string MaskEmail(ReadOnlySpan<char> value)
    {
        var at = value.LastIndexOf('@');
        return at < 0 ? string.Concat(value[..1], "***") : Truncate(string.Concat(value[..1], "***", value[at..]));
    }

    private static string Truncate(ReadOnlySpan<char> value) =>
        value.Length <= MaxValueLength ? value.ToString() : string.Concat(value[..(MaxValueLength - 1)], "…");
}
