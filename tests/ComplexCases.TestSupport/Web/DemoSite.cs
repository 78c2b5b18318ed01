using ComplexCases.TestSupport.Data;

namespace ComplexCases.TestSupport.Web;

/// <summary>
/// How the web test projects (in-process and browser) start the site: demo mode on a database of its own.
/// Plain key/value settings, so this project needs no ASP.NET Core reference; each factory passes them to UseSetting.
/// </summary>
public static class DemoSite
{
    /// <summary>The demo accounts' password, as published in the README.</summary>
    public const string Password = "Complex-Cases-Demo-2024";

    /// <summary>
    /// "environment" is what UseEnvironment sets: not Production, so demo mode may run. 3,000 people over three months
    /// seeds in seconds yet gives every PDU a list and the demo staff cases of their own.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Settings(ITestDatabase database) => Settings(database.Target);

    /// <summary>The same on another database: a SQLite path, or a PostgreSQL connection string (the site picks the engine from it).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Settings(string connectionString) =>
    [
        new("environment", "Testing"),
        new("ConnectionStrings:ComplexCases", connectionString),
        new("Demo:Enabled", "true"),
        new("Demo:People", "3000"),
        new("Demo:Months", "3"),
        // Every test signs in from the same (absent) address: the limiter has its own test with a small limit.
        new("RateLimits:SignInPerMinute", "100000"),
        // Tests upload one-person extracts beside the 3,000-person demo months: as months those would be refused by the
        // reconciliation guard, so its limits are opened here. Nobody screened at all is refused whatever the limits,
        // which is how the web tests reach the guard's confirmation step.
        new("Reconciliation:MaxPeopleDropPercent", "100"),
        new("Reconciliation:MaxFileRowsDropPercent", "100"),
        new("Reconciliation:MaxRejectedPercent", "100"),
        new("Reconciliation:MaxListedChangePercent", "10000"),
        new("Reconciliation:AllowMissingOptionalFile", "true"),
    ];
}
