using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace ComplexCases.Web.Runs;

/// <summary>How big an uploaded extract may be, zipped or unpacked (<c>Runs:MaxUploadMegabytes</c>, default 512).</summary>
public sealed record UploadLimit(int Megabytes)
{
    public const string Setting = "Runs:MaxUploadMegabytes";
    public const int DefaultMegabytes = 512;

    public long Bytes => Megabytes * 1024L * 1024L;

    public static UploadLimit From(IConfiguration configuration)
    {
        var text = configuration[Setting];
        if (string.IsNullOrWhiteSpace(text)) return new UploadLimit(DefaultMegabytes);
        if (!int.TryParse(text, out var megabytes) || megabytes is < 1 or > 4096)
            throw new InvalidOperationException($"{Setting} must be a whole number of megabytes from 1 to 4096 (it is '{text}').");
        return new UploadLimit(megabytes);
    }
}

/// <summary>
/// Reads an upload within <see cref="UploadLimit"/> before anything else does. Without it the antiforgery check is the
/// first to read the form, and a file over the limit gets a bare 400; with it the page answers 413 and says why.
/// The antiforgery token is checked here instead, once the form is read; a request over the limit is not read and
/// changes nothing (<see cref="IsTooLarge"/>), so it needs no token.
/// </summary>
public sealed class UploadLimitFilter(UploadLimit limit, IAntiforgery antiforgery) : IAsyncAuthorizationFilter, IOrderedFilter
{
    private static readonly object TooLargeKey = new();

    // Before the framework's own form-limit and antiforgery filters.
    public int Order => -3000;

    public static bool IsTooLarge(HttpContext context) => context.Items.ContainsKey(TooLargeKey);

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsPost(http.Request.Method)) return;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body) body.MaxRequestBodySize = limit.Bytes;
        http.Features.Set<IFormFeature>(new FormFeature(http.Request, new FormOptions { MultipartBodyLengthLimit = limit.Bytes }));
        if (http.Request.ContentLength > limit.Bytes)
        {
            TooLarge(http);
            return;
        }
        try
        {
            await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            TooLarge(http);
            return;
        }
        try
        {
            await antiforgery.ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            context.Result = new AntiforgeryValidationFailedResult();
        }
    }

    private static void TooLarge(HttpContext http)
    {
        http.Items[TooLargeKey] = true;
        // Nothing of the upload is bound: the page only says it was too large.
        http.Features.Set<IFormFeature>(new FormFeature(FormCollection.Empty));
    }
}
