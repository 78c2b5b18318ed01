using ComplexCases.Application.Access;
using ComplexCases.Application.Storage;
using ComplexCases.Data;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Evaluation;

/// <summary>
/// The definitions lab (<c>/definitions/lab</c>): the stored definitions to choose from, and one evaluated against the
/// imported outcomes under the signed-in user (audited as definition.evaluated by <see cref="EvaluateDefinition"/>). Every
/// refusal carries the sentence the page shows.
/// </summary>
public sealed class DefinitionLab(ComplexCasesDbContext db, DatabaseTarget database, EvaluateDefinition evaluate)
{
    /// <summary>The follow-up windows, in months, the lab offers.</summary>
    public static readonly int[] Windows = [6, 12];

    /// <summary>Every stored definition as id@version, newest version first within an id.</summary>
    public IReadOnlyList<string> StoredDefinitions() =>
        [.. db.Definitions.AsNoTracking().OrderBy(d => d.Id).ThenByDescending(d => d.Version).Select(d => d.Id + "@" + d.Version).ToList()];

    public UseCaseResult<EvaluationReport> Run(StaffUser user, IReadOnlyList<string> stored, string definition, int window, CancellationToken cancellationToken)
    {
        if (!user.Has(Permission.ViewAggregates)) return UseCaseResult<EvaluationReport>.Forbidden("Your role does not include the definitions lab.");
        if (!stored.Contains(definition)) return UseCaseResult<EvaluationReport>.Invalid("definition", "Choose one of the stored definitions.");
        if (!Windows.Contains(window)) return UseCaseResult<EvaluationReport>.Invalid("window", "Choose a follow-up of 6 or 12 months.");
        var result = evaluate.Run(new EvaluateRequest(database.ConnectionString, definition, window) { Actor = user.Id }, cancellationToken);
        if (result.Succeeded) return result;
        // The evaluation's own refusals are phrases (the command line prints them after "error:"); the page shows sentences.
        return result.Status == UseCaseStatus.Invalid
            ? UseCaseResult<EvaluationReport>.Invalid(Capitalised(result.Error!) + ".")
            : UseCaseResult<EvaluationReport>.Failed("The evaluation failed; nothing was changed.");
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
