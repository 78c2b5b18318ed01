using System.Globalization;
using ComplexCases.Application;
using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Workflow;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.Workflow;
using ComplexCases.Web.Cases;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Workflow;

/// <summary>
/// What every step page shares: the case must be in the process and within the user's reach for the page's permission
/// (else 404, audited as refused, as the case page does); the form carries the version it was drawn from, and a save from
/// an older version is refused with the conflict message and the latest state, saving nothing; a save redirects to the
/// case page with a success banner.
/// </summary>
public abstract class StepPageModel(StepCaseQuery cases, CaseWorkflows workflows, WorkflowViews views, Auditing audit) : PageModel
{
    public const string BannerKey = "WorkflowBanner";

    [FromRoute] public string Crn { get; set; } = "";

    /// <summary>The workflow version the form was drawn from.</summary>
    [BindProperty(Name = "version")] public int Version { get; set; }

    public CaseWorkflowView Workflow { get; private set; } = null!;

    public CasePerson Person { get; private set; } = new("", null, null, null);

    public List<FieldError> Errors { get; } = [];

    /// <summary>Someone else saved first: what they did and where the case is now.</summary>
    public string? Conflict { get; private set; }

    /// <summary>Set when the case's stage allows none of this page's steps (the form is not shown).</summary>
    public string? Unavailable { get; private set; }

    /// <summary>The CRN in the address, parsed when the case is loaded.</summary>
    protected Domain.People.Crn Case { get; private set; }

    /// <summary>The signed-in user.</summary>
    protected StaffUser Staff { get; private set; } = null!;

    protected CaseWorkflowRecord Record { get; private set; } = null!;

    protected StepCaseQuery Cases => cases;

    protected CaseWorkflows Workflows => workflows;

    /// <summary>The date in England and Wales.</summary>
    public DateOnly Today => views.Today;

    /// <summary>The case-scoped permission the page is for (also its authorization policy).</summary>
    protected abstract Permission Permission { get; }

    /// <summary>The steps the page can take.</summary>
    protected abstract IReadOnlyList<WorkflowStep> Steps { get; }

    /// <summary>Stable name for audit details, e.g. <c>conversation</c>.</summary>
    protected abstract string PageKey { get; }

    /// <summary>Why the page shows the case, for the audit entry: "record a reflective practice conversation".</summary>
    public abstract string Purpose { get; }

    /// <summary>Fills the form's defaults on first display.</summary>
    protected virtual void Prefill() { }

    /// <summary>Reads and checks the form: the step and its record, or null with <see cref="Errors"/> filled.</summary>
    protected abstract (WorkflowStep Step, string? Notes, StepDetails Details)? ReadForm();

    /// <summary>The banner on the case page after the step is taken.</summary>
    protected abstract string Success(WorkflowStep step, CaseStage now);

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } refused) return refused;
        Version = Record.Version;
        Prefill();
        await audit.RecordAsync(Staff, AuditAction.Consultation, AuditEventTypes.CaseViewed, Purpose, [Crn], $"page={PageKey}");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await TakeStepAsync();
        // Refused or in conflict, the form is shown again with the case: a consultation like the first display.
        if (result is PageResult) await audit.RecordAsync(Staff, AuditAction.Consultation, AuditEventTypes.CaseViewed, Purpose, [Crn], $"page={PageKey}");
        return result;
    }

    private async Task<IActionResult> TakeStepAsync()
    {
        if (await LoadAsync() is { } refused) return refused;
        if (Record.Version != Version) return Conflicted(CaseWorkflows.Conflict(Record));
        if (Unavailable is not null) return ResultToPage.WithStatus(this, UseCaseStatus.Conflict);

        var form = ReadForm();
        if (form is not { } step || Errors.Count > 0) return ResultToPage.WithStatus(this, UseCaseStatus.Invalid);

        var result = workflows.Take(Staff, new StepRequest(Case, step.Step, Version, step.Notes, step.Details));
        if (result.Succeeded)
        {
            TempData[BannerKey] = Success(step.Step, (CaseStage)result.Value.Stage);
            return Redirect($"/cases/{Uri.EscapeDataString(Crn)}");
        }
        // Refused after our checks passed: someone saved in between (the conflict carries the case as it is now), or the rules said no.
        if (result is { Status: UseCaseStatus.Conflict, Value: { } latest })
        {
            Show(latest);
            return Conflicted(result.Error);
        }
        return ResultToPage.Refused(this, result, Errors);
    }

    /// <summary>The first error for a form field, if any.</summary>
    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    /// <summary>The element an error summary link goes to: the first input of a date, the first radio or checkbox.</summary>
    public virtual string Anchor(string field) => field switch
    {
        "" => "main-content",
        "heldOn" => "heldOn-day",
        _ => field,
    };

    /// <summary>Adds a record's field errors, except for fields that already have one (e.g. a date that did not parse).</summary>
    protected void AddErrors(IEnumerable<FieldError> errors)
    {
        foreach (var error in errors)
        {
            if (ErrorFor(error.Field) is null) Errors.Add(error);
        }
    }

    /// <summary>Reads a GOV.UK date input; null (and an error) when it is partly filled or not a real date, null alone when empty.</summary>
    protected DateOnly? ReadDate(string field, string label, string? day, string? month, string? year)
    {
        if (string.IsNullOrWhiteSpace(day) && string.IsNullOrWhiteSpace(month) && string.IsNullOrWhiteSpace(year)) return null;
        if (int.TryParse(day?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            && int.TryParse(month?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            && int.TryParse(year?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            && y is >= 1900 and <= 2999 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m))
            return new DateOnly(y, m, d);
        Errors.Add(new FieldError(field, $"{char.ToUpperInvariant(label[0])}{label[1..]} must be a real date, for example 27 3 {Today.Year}"));
        return null;
    }

    private async Task<IActionResult?> LoadAsync()
    {
        // A malformed CRN, a case not in the process and one out of reach look the same: nothing to say about it.
        if (RequestCrn.From(Crn) is not { } crn) return NotFound();
        Case = crn;
        Staff = CurrentUser.Require(HttpContext);
        var record = workflows.Find(Staff, crn, Permission);
        if (record is null || !Steps.Any(step => CaseWorkflows.MayTake(Staff, step, record)))
        {
            await audit.RecordAsync(Staff, AuditAction.Consultation, AuditEventTypes.AccessDenied, $"{PageKey} page requested", [Crn],
                $"path=/cases/{Crn}/{PageKey}");
            return NotFound();
        }
        Show(record);
        Person = cases.PersonOf(record);
        return null;
    }

    private void Show(CaseWorkflowRecord record)
    {
        Record = record;
        Workflow = views.Describe(Staff, record);
        var stage = (CaseStage)record.Stage;
        Unavailable = Steps.Any(step => WorkflowRules.TryMove(stage, step, out _))
            ? null
            : $"This case is {stage.Describe()}, so this cannot be recorded now.";
    }

    private PageResult Conflicted(string message)
    {
        Conflict = message;
        // The form now carries the latest version: saving again is a deliberate choice made after seeing the latest state.
        Version = Record.Version;
        return ResultToPage.WithStatus(this, UseCaseStatus.Conflict);
    }
}
