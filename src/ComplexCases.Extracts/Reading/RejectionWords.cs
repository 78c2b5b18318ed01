namespace ComplexCases.Extracts.Reading;

/// <summary>The words for a rejection reason in reports, rejected.csv and a case's evidence.</summary>
public static class RejectionWords
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

    /// <summary>The reason and what is wrong, as rejected.csv writes it: <c>malformed value: registered_on must be …</c>.</summary>
    public static string Describe(Rejection rejection)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        return string.IsNullOrEmpty(rejection.Detail) ? Of(rejection.Reason) : $"{Of(rejection.Reason)}: {rejection.Detail}";
    }
}
