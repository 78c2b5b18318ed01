using ComplexCases.Application;
using ComplexCases.Application.Access;
using ComplexCases.Application.Evaluation;
using ComplexCases.Application.Storage;
using ComplexCases.Data;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Web.Pages.Definitions;

/// <summary>
/// The definitions lab for analysts (issue 14): a stored definition judged against imported outcomes over the stored
/// months, the figures of outcomes.md with every cell under 5 people withheld. Aggregates only; the evaluation is
/// audited (definition.evaluated) under the signed-in user, as on the command line.
/// </summary>
[Authorize(Policy = nameof(Permission.ViewAggregates))]
public sealed class LabModel(ComplexCasesDbContext db, DatabaseTarget database, EvaluateDefinition evaluate) : PageModel
{
    public static readonly int[] Windows = [6, 12];

    public IReadOnlyList<string> Definitions { get; private set; } = [];
    public string? Definition { get; private set; }
    public int Window { get; private set; } = 6;
    public EvaluationReport? Report { get; private set; }
    public IReadOnlyList<ShownFigure> Figures { get; private set; } = [];
    public string? Error { get; private set; }

    public void OnGet(string? definition, int? window)
    {
        Definitions = [.. db.Definitions.AsNoTracking().OrderBy(d => d.Id).ThenByDescending(d => d.Version).Select(d => d.Id + "@" + d.Version).ToList()];
        if (definition is null) return;
        Window = window ?? 6;
        if (!Definitions.Contains(definition))
        {
            Error = "Choose one of the stored definitions.";
            return;
        }
        if (!Windows.Contains(Window))
        {
            Error = "Choose a follow-up of 6 or 12 months.";
            return;
        }
        Definition = definition;
        var result = evaluate.Run(new EvaluateRequest(database.ConnectionString, definition, Window)
        {
            Actor = CurrentUser.Require(HttpContext).Id,
        }, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            Error = result.Status == UseCaseStatus.Invalid ? Capitalised(result.Error) + "." : "The evaluation failed; nothing was changed.";
            return;
        }
        Report = result.Value;
        Figures = SuppressedFigures.Of(result.Value.Figures);
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
