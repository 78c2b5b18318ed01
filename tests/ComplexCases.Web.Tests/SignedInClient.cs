using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ComplexCases.Web.Tests;

/// <summary>Signs in through the real sign-in form (antiforgery token and all) and keeps the cookie.</summary>
internal static partial class SignedInClient
{
    public const string Password = ComplexCases.TestSupport.Web.DemoSite.Password;

    public static async Task<HttpClient> SignInAsync(this WebApplicationFactory<Program> site, string userName, string password = Password)
    {
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostSignInAsync(userName, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in as {userName} failed: {(int)response.StatusCode}");
        return client;
    }

    public static async Task<HttpResponseMessage> PostSignInAsync(this HttpClient client, string userName, string password)
    {
        var form = await client.GetStringAsync("/sign-in");
        var token = AntiforgeryToken(form);
        return await client.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName, ["Password"] = password, ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>The antiforgery token a form carries.</summary>
    public static string AntiforgeryToken(string html) => Token().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
