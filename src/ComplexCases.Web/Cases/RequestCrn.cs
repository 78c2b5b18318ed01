using ComplexCases.Domain.People;

namespace ComplexCases.Web.Cases;

/// <summary>
/// The web's one reading of a CRN that a request names, in its address or its query: pages and API endpoints parse it here
/// and hand Application a <see cref="Crn"/>, so no use case takes CRN text. <see cref="Crn.TryParse(string?, out Crn)"/>
/// accepts the canonical text alone ("X123456", not "x123456" or " X123456"), so a case has one address and nothing
/// compares the text with the parsed value again. What a CRN that does not parse gets stays each caller's: 404 where a case
/// is looked up (the same as a case not there or out of reach), a message where someone typed it.
/// </summary>
public static class RequestCrn
{
    /// <summary>The CRN <paramref name="text"/> names, or null when it is not one.</summary>
    public static Crn? From(string? text) => Crn.TryParse(text, out var crn) ? crn : null;
}
