using ComplexCases.Application;
using ComplexCases.Application.Access;
using ComplexCases.Application.Evaluation;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Definitions;

/// <summary>
/// The definitions lab for analysts (issue 14): a stored definition judged against imported outcomes over the stored
/// months, the figures of outcomes.md with every cell under 5 people withheld. Aggregates only; the evaluation is
/// audited (definition.evaluated) under the signed-in user, as on the command line.
/// </summary>
[Authorize(Policy = nameof(Permission.ViewAggregates))]
public sealed class LabModel(DefinitionLab lab) : PageModel
{
    public static IReadOnlyList<int> Windows => DefinitionLab.Windows;

    public IReadOnlyList<string> Definitions { get; private set; } = [];
    public string? Definition { get; private set; }
    public int Window { get; private set; } = 6;
    public EvaluationReport? Report { get; private set; }
    public IReadOnlyList<ShownFigure> Figures { get; private set; } = [];
    public string? Error { get; private set; }

    public void OnGet(string? definition, int? window)
    {
        Definitions = lab.StoredDefinitions();
        if (definition is null) return;
        Window = window ?? 6;
        var result = lab.Run(CurrentUser.Require(HttpContext), Definitions, definition, Window, HttpContext.RequestAborted);
        // A refused choice (its error is on the definition or window field) leaves no definition chosen; once the choice is
        // valid the page names the definition evaluated, even when the evaluation itself is refused.
        if (result.Errors.All(e => e.Field == UseCaseResult<EvaluationReport>.FormField)) Definition = definition;
        if (!result.Succeeded)
        {
            Error = result.Error;
            return;
        }
        Report = result.Value;
        Figures = SuppressedFigures.Of(result.Value.Figures);
    }
}
