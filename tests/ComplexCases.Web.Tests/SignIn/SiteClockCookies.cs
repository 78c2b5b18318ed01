using Microsoft.Net.Http.Headers;

namespace ComplexCases.Web.Tests.SignIn;

/// <summary>
/// A test client's cookie jar that judges expiry by the site's clock. HttpClient's own container compares a cookie's
/// Expires with the machine's date, so a site on a test clock would see its correlation cookies vanish. Every cookie is
/// sent on every request (one host, and the handlers only read the cookies they set).
/// </summary>
internal sealed class SiteClockCookies(TimeProvider clock) : DelegatingHandler
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (_cookies)
            if (_cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var values))
            lock (_cookies)
                foreach (var cookie in SetCookieHeaderValue.ParseList(values.ToList()))
                {
                    var expired = cookie.MaxAge <= TimeSpan.Zero || cookie.Expires < clock.GetUtcNow();
                    if (expired) _cookies.Remove(cookie.Name.ToString());
                    else _cookies[cookie.Name.ToString()] = cookie.Value.ToString();
                }
        return response;
    }
}
