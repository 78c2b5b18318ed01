namespace ComplexCases.Web.Panels;

/// <summary>
/// Probation regions by name rather than code ("East of England", not "N07"), from the <c>Regions</c> configuration section
/// (code → name); a code with no name configured is shown as it is.
/// </summary>
public static class RegionNames
{
    public static string Name(IConfiguration configuration, string? code) =>
        code is null ? "" : configuration.GetSection("Regions")[code] is { Length: > 0 } name ? name : code;
}
