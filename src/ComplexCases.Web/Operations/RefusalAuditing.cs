using ComplexCases.Application.Audit;
using ComplexCases.Domain.Audit;
using Microsoft.AspNetCore.Diagnostics;

namespace ComplexCases.Web.Operations;

/// <summary>A page that explains a refusal (forbidden, not found, error) rather than being one: its own status is not audited again.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ExplainsARefusalAttribute : Attribute;

/// <summary>
/// The catch-all that makes every refusal an audit entry (DPA 2018 s.62: attempts to consult are logged too), whatever page or
/// endpoint answered it:
/// <list type="bullet">
/// <item>a 404 or 403 from a page or API endpoint to a signed-in user — something not found or outside their scope (a list of
/// another PDU, someone else's run progress, a download out of reach) — is <c>access.denied</c>, unless the use case or page
/// already recorded its own, more precise entry for the request;</item>
/// <item>an upload the service refused (a multipart form answered with 4xx or 5xx) is <c>upload.refused</c>.</item>
/// </list>
/// Role refusals never get here: <see cref="AuditedAuthorizationResults"/> records them before answering.
/// </summary>
internal static class RefusalAuditing
{
    /// <summary>Role refusals: recorded by the authorization middleware's result handler, before the refusal is answered.</summary>
    public static IServiceCollection AddRefusalAuditing(this IServiceCollection services) =>
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AuditedAuthorizationResults>();

    public static IApplicationBuilder UseRefusalAuditing(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // The pass that re-executes a refusal as the not-found or error page is the same request: it was judged below already.
        var endpoint = context.GetEndpoint();
        if (endpoint is not null && endpoint.Metadata.GetMetadata<ExplainsARefusalAttribute>() is null
            && context.Features.Get<IStatusCodeReExecuteFeature>() is null && context.Features.Get<IExceptionHandlerFeature>() is null)
        {
            // Just before the answer goes out, and awaited: the client never holds a refusal whose entry is not yet committed.
            // By then the page has run (so it may have recorded its own entry) and its status is final, even when the
            // not-found page is about to be shown in its place.
            // What was asked is kept now: showing the not-found page in its place changes the request's path and route.
            var asked = new Asked(PathOf(context), context.Request.Method, SubjectsOf(context), IsUpload(context.Request), NamesNoOne(context));
            context.Response.OnStarting(() => RecordIfRefusedAsync(context, asked));
        }
        await next();
    });

    private sealed record Asked(string Path, string Method, AuditSubjects Subjects, bool Upload, bool NamesNoOne);

    private static async Task RecordIfRefusedAsync(HttpContext context, Asked asked)
    {
        var status = context.Response.StatusCode;
        if (status < 400 || context.User.Identity?.IsAuthenticated != true) return;
        try
        {
            if (asked.Upload) await RecordUploadAsync(context, asked, status);
            else if (status is StatusCodes.Status403Forbidden or StatusCodes.Status404NotFound && !asked.NamesNoOne && !AlreadyRecorded(context))
                await RecordAsync(context, asked, status);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A refusal shows nothing, so it is still answered; the missing entry is logged for the operator.
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RefusalAuditing))
                .LogError(ex, "The refusal of {Path} ({Status}) could not be audited", asked.Path, status);
        }
    }

    /// <summary>The path as asked for, cut to 200 characters (it is echoed into the log).</summary>
    public static string PathOf(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        return path.Length > 200 ? path[..200] : path;
    }

    /// <summary>The person asked for, when the address names one (<c>{crn}</c> in the route, read as the pages read it).</summary>
    public static AuditSubjects SubjectsOf(HttpContext context) =>
        Cases.RequestCrn.From(CrnText(context)) is { } crn ? AuditSubjects.Of([crn]) : AuditSubjects.None;

    private static string? CrnText(HttpContext context) =>
        context.Request.RouteValues.TryGetValue("crn", out var value) ? value as string : null;

    /// <summary>
    /// An address whose <c>{crn}</c> is not a CRN (<c>/cases/not-a-crn</c>) names no one: like an address no page serves, it is
    /// answered "not found" before anything is looked up, and refuses no one's data.
    /// </summary>
    private static bool NamesNoOne(HttpContext context) => CrnText(context) is { } text && Cases.RequestCrn.From(text) is null;

    private static bool AlreadyRecorded(HttpContext context) => context.RequestServices.GetService<Consultations>()?.RecordedRefusal == true;

    private static bool IsUpload(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true;

    private static Task RecordAsync(HttpContext context, Asked asked, int status) =>
        Writer(context).AppendAsync(new AuditEntryRequest(context.User.Identity!.Name ?? "anonymous", AuditAction.Consultation,
            AuditEventTypes.AccessDenied, "a page or API call for something not found or outside the user's scope")
        {
            Subjects = asked.Subjects,
            Details = new AuditDetails().Add("path", asked.Path).Add("method", asked.Method).Add("status", status)
                .Add("reason", status == StatusCodes.Status404NotFound ? "not found or out of scope" : "not allowed").WithToken(context).ToString(),
        });

    private static Task RecordUploadAsync(HttpContext context, Asked asked, int status)
    {
        // The form is read only if the page read it: an upload over the limit is refused unread, and stays unread.
        var files = context.Features.Get<Microsoft.AspNetCore.Http.Features.IFormFeature>()?.Form?.Files;
        var names = files is null ? "" : string.Join(",", files.Select(f => Path.GetFileName(f.FileName)).Take(10).Select(n => n.Length > 60 ? n[..60] : n));
        return Writer(context).AppendAsync(new AuditEntryRequest(context.User.Identity!.Name ?? "anonymous", AuditAction.Collection,
            AuditEventTypes.UploadRefused, "an upload the service refused")
        {
            Details = new AuditDetails().Add("path", asked.Path).Add("status", status).Add("reason", UploadReason(status))
                .Add("files", names).Add("bytes", context.Request.ContentLength ?? 0).WithToken(context).ToString(),
        });
    }

    private static string UploadReason(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "larger than the upload limit",
        StatusCodes.Status400BadRequest => "not an extract, or the form was incomplete",
        StatusCodes.Status403Forbidden => "not allowed",
        StatusCodes.Status404NotFound => "not found or out of scope",
        StatusCodes.Status503ServiceUnavailable => "the service was stopping",
        _ => "failed (" + status + ")",
    };

    /// <summary>Adds the personal access token's name when the request was made with one.</summary>
    public static AuditDetails WithToken(this AuditDetails details, HttpContext context) =>
        context.User.FindFirst(SignIn.ApiTokenAuthentication.TokenClaim)?.Value is { } token ? details.Add("token", token) : details;

    private static GroupCommitAuditWriter Writer(HttpContext context) => context.RequestServices.GetRequiredService<GroupCommitAuditWriter>();
}
