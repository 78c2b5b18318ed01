using ComplexCases.Application;
using ComplexCases.Domain.Workflow;
using Microsoft.AspNetCore.Http.HttpResults;

// In the app's root namespace, like ComplexCasesApi, whose endpoints all answer through it.
namespace ComplexCases.Web;

/// <summary>
/// The one mapping from a use case's result to the JSON API's answer: 200 with the response; 400 a validation problem naming
/// each bad parameter; 403, 404, 409 (with who saved first, and when) and 500 as problem details. The pages' counterpart is
/// <see cref="ResultToPage"/>, with the same status codes.
/// </summary>
public static class ResultToHttp
{
    public const string InvalidTitle = "The request has invalid parameters";

    public static Results<Ok<TResponse>, ValidationProblem, ProblemHttpResult> ToHttp<T, TResponse>(
        this UseCaseResult<T> result, Func<T, TResponse> response)
    {
        if (result.Succeeded) return TypedResults.Ok(response(result.Value));
        if (result.Status == UseCaseStatus.Invalid) return Invalid(result.Errors);
        return Problem(result);
    }

    /// <summary>400 naming each bad parameter (its messages keyed by its name).</summary>
    public static ValidationProblem Invalid(IEnumerable<FieldError> errors) => TypedResults.ValidationProblem(
        errors.GroupBy(e => e.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal),
        title: InvalidTitle);

    /// <summary>Any other refusal as problem details, with the status code the pages use.</summary>
    public static ProblemHttpResult Problem<T>(UseCaseResult<T> result) => result.Status switch
    {
        UseCaseStatus.Ok or UseCaseStatus.Invalid => throw new ArgumentException("Not a problem: " + result.Status, nameof(result)),
        // Not found says nothing more: a guessed id learns nothing.
        UseCaseStatus.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found"),
        UseCaseStatus.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Changed by someone else",
            detail: result.Error, extensions: new Dictionary<string, object?> { ["by"] = result.Conflict?.By, ["at"] = result.Conflict?.At }),
        _ => TypedResults.Problem(statusCode: ResultToPage.StatusCode(result.Status), title: result.Error),
    };
}
