using System.Globalization;
using ComplexCases.Application.Access;
using ComplexCases.Application.Storage;
using ComplexCases.Domain.Workflow;

namespace ComplexCases.Application.Evaluation;

/// <summary>What the compare page asks for: two stored definitions (id@version), months as yyyy-MM, a PDU code or none for all.</summary>
public sealed record ComparisonChoice(string? A, string? B, string? From, string? To, string? Pdu);

/// <summary>
/// Two stored definitions compared on the web (<c>/definitions/compare</c>, issue 14): the same <see cref="CompareDefinitions"/>
/// run as <c>complexcases compare</c> (audited as definitions.compared under the signed-in user), then shown through
/// <see cref="ComparisonView"/> with small counts withheld. Only stored definitions may be named: a file path, which the
/// command line accepts, is refused here. Every refusal carries the sentence the page shows, on its field.
/// </summary>
public sealed class DefinitionComparison(DatabaseTarget database, CompareDefinitions compare)
{
    public UseCaseResult<ComparisonView> Run(StaffUser user, IReadOnlyList<string> stored, ComparisonChoice choice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(choice);
        if (!user.Has(Permission.ViewAggregates)) return UseCaseResult<ComparisonView>.Forbidden("Your role does not include comparing definitions.");
        var errors = new List<FieldError>();
        Definition(choice.A, "a", "first", stored, errors);
        Definition(choice.B, "b", "second", stored, errors);
        var from = Month(choice.From, "from", "first", errors);
        var to = Month(choice.To, "to", "last", errors);
        if (from is { } f && to is { } t && f > t) errors.Add(new FieldError("from", "The first month must be the same as or before the last month."));
        if (errors.Count > 0) return UseCaseResult<ComparisonView>.Invalid(errors);

        var request = new CompareRequest(database.ConnectionString, choice.A!, choice.B!, from, to?.AddMonths(1).AddDays(-1)) { Actor = user.Id };
        var result = compare.Run(request, cancellationToken);
        if (!result.Succeeded)
        {
            return result.Status == UseCaseStatus.Invalid
                ? UseCaseResult<ComparisonView>.Invalid(Capitalised(result.Error) + ".")
                : UseCaseResult<ComparisonView>.Failed("The comparison failed; nothing was changed.");
        }
        var pdu = string.IsNullOrWhiteSpace(choice.Pdu) ? null : choice.Pdu.Trim();
        var pdus = result.Value.PduCodes();
        if (pdu is not null && !pdus.Contains(pdu)) return UseCaseResult<ComparisonView>.Invalid("pdu", "Choose a PDU from the list, or all PDUs.");
        return UseCaseResult<ComparisonView>.Ok(ComparisonView.Of(result.Value, pdus, pdu));
    }

    private static void Definition(string? value, string field, string which, IReadOnlyList<string> stored, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) errors.Add(new FieldError(field, $"Choose the {which} definition."));
        else if (!stored.Contains(value)) errors.Add(new FieldError(field, $"Choose the {which} definition from the stored definitions: there is no {value}."));
    }

    private static DateOnly? Month(string? value, string field, string which, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateOnly.TryParseExact(value.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) && month.Year is >= 2000 and <= 2100)
            return month;
        errors.Add(new FieldError(field, $"Enter the {which} month as a year and month, for example 2024-03."));
        return null;
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
