using ComplexCases.Extracts.Reading;

namespace ComplexCases.Application.Screening;

/// <summary>The words for a rejection reason in reports and rejected.csv.</summary>
public static class RejectionText
{
    public static string Of(RejectionReason reason) => reason switch
    {
        RejectionReason.MissingRequiredValue => "missing required value",
        RejectionReason.MalformedValue => "malformed value",
        RejectionReason.DuplicateKey => "duplicate key",
        RejectionReason.Orphan => "orphan",
        RejectionReason.DateOrder => "date order",
        RejectionReason.WrongNumberOfFields => "wrong number of fields",
        _ => reason.ToString(),
    };
}
