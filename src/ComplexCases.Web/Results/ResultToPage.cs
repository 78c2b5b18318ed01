using ComplexCases.Application;
using ComplexCases.Domain.Workflow;
using Microsoft.AspNetCore.Mvc.RazorPages;

// In the app's root namespace, like Auditing: every page may answer with a use case's result.
namespace ComplexCases.Web;

/// <summary>
/// The one mapping from a use case's result to a Razor page's answer: the page is shown again with the errors beside its
/// form, and the status code says what went wrong (400 invalid input, 403 not allowed, 404 not found, 409 someone else
/// saved first, 500 failed). The API's counterpart is <see cref="ResultToHttp"/>.
/// </summary>
public static class ResultToPage
{
    public static int StatusCode(UseCaseStatus status) => status switch
    {
        UseCaseStatus.Ok => StatusCodes.Status200OK,
        UseCaseStatus.Invalid => StatusCodes.Status400BadRequest,
        UseCaseStatus.Forbidden => StatusCodes.Status403Forbidden,
        UseCaseStatus.NotFound => StatusCodes.Status404NotFound,
        UseCaseStatus.Conflict => StatusCodes.Status409Conflict,
        UseCaseStatus.Failed => StatusCodes.Status500InternalServerError,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>
    /// The page again with the result's errors added to <paramref name="errors"/>. The page's own checks
    /// (<paramref name="pageErrors"/>, e.g. a date that is not a real date) replace the use case's message for the same field.
    /// </summary>
    public static PageResult Refused<T>(PageModel page, UseCaseResult<T> result, List<FieldError> errors, IEnumerable<FieldError>? pageErrors = null)
    {
        if (result.Succeeded) throw new InvalidOperationException("The use case succeeded: nothing was refused.");
        var own = (pageErrors ?? []).ToList();
        errors.AddRange(own);
        errors.AddRange(result.Errors.Where(e => own.All(o => o.Field != e.Field)));
        return WithStatus(page, result.Status);
    }

    /// <summary>The page again, with the status code for <paramref name="status"/>.</summary>
    public static PageResult WithStatus(PageModel page, UseCaseStatus status)
    {
        page.Response.StatusCode = StatusCode(status);
        return page.Page();
    }
}
