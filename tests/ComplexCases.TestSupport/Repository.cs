namespace ComplexCases.TestSupport;

/// <summary>The repository the tests run from: the folder holding ComplexCases.slnx, above the test's output folder.</summary>
public static class Repository
{
    private static readonly Lazy<string> RootValue = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ComplexCases.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No ComplexCases.slnx above {AppContext.BaseDirectory}: run the tests from inside the repository.");
    });

    public static string Root => RootValue.Value;
}
