using System.Globalization;
using ComplexCases.Application;
using ComplexCases.Application.Panels;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Panels;
using ComplexCases.Domain.Workflow;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Panels;

/// <summary>A GOV.UK date input's three boxes as posted; blank, a real date, or not a real date.</summary>
public sealed class DateInput
{
    public string? Day { get; set; }
    public string? Month { get; set; }
    public string? Year { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Day) && string.IsNullOrWhiteSpace(Month) && string.IsNullOrWhiteSpace(Year);

    public DateOnly? Value =>
        int.TryParse(Day?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var d)
        && int.TryParse(Month?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
        && int.TryParse(Year?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y)
        && y is >= 1000 and <= 9999 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m)
            ? new DateOnly(y, m, d)
            : null;

    /// <summary>Something was typed but it is not a date.</summary>
    public bool IsInvalid => !IsBlank && Value is null;

    public static DateInput From(DateOnly day) => new()
    {
        Day = day.Day.ToString(CultureInfo.InvariantCulture),
        Month = day.Month.ToString(CultureInfo.InvariantCulture),
        Year = day.Year.ToString(CultureInfo.InvariantCulture),
    };
}

/// <summary>What the date input partial needs: the posted name, its legend and hint, its value and its error.</summary>
public sealed record DateInputView(string Name, string Legend, string? Hint, DateInput Value, string? Error)
{
    public string Id => PanelFormPage.IdFor(Name);
}

/// <summary>
/// A form page in the GOV.UK pattern: an error summary linking to each field, the field's own message beside it, the
/// status code saying what went wrong (400 for invalid input, 409 when someone else saved first), a success banner after a redirect.
/// </summary>
public abstract class PanelFormPage : PageModel
{
    public List<FieldError> Errors { get; } = [];

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    /// <summary>The element id a field's error links to (how ASP.NET Core names <c>Actions[0].Description</c>: <c>Actions_0__Description</c>).</summary>
    public static string IdFor(string field) => field.Replace('[', '_').Replace(']', '_').Replace('.', '_');

    protected PageResult Refused<T>(UseCaseResult<T> result, IEnumerable<FieldError>? pageErrors = null) =>
        ResultToPage.Refused(this, result, Errors, pageErrors);

    protected void Banner(string message) => TempData["Banner"] = message;

    protected static IEnumerable<FieldError> Own(params FieldError?[] errors) => errors.OfType<FieldError>();

    protected static FieldError? RealDate(string field, string label, DateInput input) =>
        input.IsInvalid ? new FieldError(field, $"{label} must be a real date, like 27 3 2026") : null;
}

public static class PanelText
{
    /// <summary>Agencies in the directory's order, e.g. "Mental health, Adult social care".</summary>
    public static string List(IEnumerable<Agency> agencies) => string.Join(", ", agencies.Order().Select(a => a.Label()));

    public static string Label(this PanelMeetingStatus status) => status switch
    {
        PanelMeetingStatus.Scheduled => "Scheduled",
        PanelMeetingStatus.Held => "Held",
        PanelMeetingStatus.FollowUpClosed => "Follow-up closed",
        _ => status.ToString(),
    };

    public static string TagClass(this PanelMeetingStatus status) => status switch
    {
        PanelMeetingStatus.Scheduled => "govuk-tag--blue",
        PanelMeetingStatus.Held => "govuk-tag--yellow",
        _ => "govuk-tag--grey",
    };

    public static string Label(this ActionStatus status) => status switch
    {
        ActionStatus.Open => "Open",
        ActionStatus.Done => "Done",
        ActionStatus.Dropped => "Dropped",
        _ => status.ToString(),
    };

    public static string Date(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}

/// <summary>A form with a meeting's start time, venue and video link (the partial <c>_MeetingPlaceFields</c>).</summary>
public interface IMeetingPlaceForm
{
    string? StartsAt { get; }
    string? Venue { get; }
    string? VideoLink { get; }
    string? ErrorFor(string field);
}

/// <summary>When and where, as a line: "14:30, Room 4, County Hall (video link below)".</summary>
public static class MeetingText
{
    public static string When(PanelMeetingRecord meeting) =>
        PanelText.Date(meeting.HeldOn) + (meeting.StartsAt is { } t ? " at " + t.ToString("HH:mm", CultureInfo.InvariantCulture) : "");

    public static string? StartsAt(PanelMeetingRecord meeting) => meeting.StartsAt?.ToString("HH:mm", CultureInfo.InvariantCulture);
}

/// <summary>What the text field partial needs: a text input or, when <see cref="Rows"/> is set, a textarea.</summary>
public sealed record TextFieldView(string Name, string Label, string? Value, string? Error, string? Hint = null, int Rows = 0,
    string Width = "govuk-!-width-two-thirds", string? Autocomplete = "off")
{
    public string Id => PanelFormPage.IdFor(Name);

    public string? DescribedBy => string.Join(' ', new[] { Hint is null ? null : Id + "-hint", Error is null ? null : Id + "-error" }.OfType<string>()) is { Length: > 0 } ids ? ids : null;
}
