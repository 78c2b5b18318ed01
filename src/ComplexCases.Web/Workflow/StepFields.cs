namespace ComplexCases.Web.Workflow;

/// <summary>A GOV.UK text input or textarea with its label, hint and error (rendered by <c>Pages/Cases/_StepField</c>).</summary>
public sealed record StepField(string Name, string Label, string? Value, string? Error, string? Hint = null, bool Multiline = true, int Rows = 5,
    bool LabelAsHeading = false);

/// <summary>A GOV.UK date input (day, month, year) named <c>{Name}-day</c> and so on (rendered by <c>Pages/Cases/_StepDate</c>).</summary>
public sealed record StepDate(string Name, string Legend, string? Day, string? Month, string? Year, string? Error, string? Hint = null);
