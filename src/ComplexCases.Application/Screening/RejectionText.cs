using ComplexCases.Extracts.Reading;

namespace ComplexCases.Application.Screening;

/// <summary>The words for a rejection reason in reports and rejected.csv.</summary>
public static class RejectionText
{
    public static string Of(RejectionReason reason) => RejectionWords.Of(reason);
}
