using Microsoft.AspNetCore.Authorization;

namespace ComplexCases.Web.Api;

/// <summary>
/// The API's 401 and 403 as problem details (<c>application/problem+json</c> with status, title and detail), whichever scheme
/// answered (the sign-in cookie or a token): a script gets a reason it can print, never a redirect to a sign-in page or HTML.
/// </summary>
internal static class ApiProblems
{
    public const string NotSignedInDetail =
        "This call needs a personal access token (send it as 'Authorization: Bearer cct_…') or a signed-in session.";

    public static Task WriteAsync(HttpContext context, int status, string detail) =>
        TypedResults.Problem(statusCode: status, detail: detail, title: status switch
        {
            StatusCodes.Status401Unauthorized => "Not signed in",
            StatusCodes.Status403Forbidden => "Not allowed",
            _ => null,
        }).ExecuteAsync(context);

    /// <summary>
    /// An unhandled failure under <c>/api</c>: a 500 problem with the reference the error page gives (the trace id the
    /// failure's log entry carries), so a script can report it; never the exception's text, which may hold personal data.
    /// </summary>
    public static Task WriteServerErrorAsync(HttpContext context) =>
        TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "Something went wrong",
            detail: "The service could not answer this call. Try again later; if it keeps happening, give your administrator the reference.",
            extensions: new Dictionary<string, object?>
            {
                ["reference"] = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier,
            }).ExecuteAsync(context);

    /// <summary>Which permission the call needed (the policy names it), so the caller knows what to ask an administrator for.</summary>
    public static string ForbiddenDetail(HttpContext context)
    {
        var permissions = context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>()
            .Distinct(StringComparer.Ordinal).ToList() ?? [];
        return permissions.Count == 0
            ? "Your account's roles do not allow this call."
            : $"Your account's roles do not allow this call: it needs the {string.Join(", ", permissions)} permission.";
    }
}
