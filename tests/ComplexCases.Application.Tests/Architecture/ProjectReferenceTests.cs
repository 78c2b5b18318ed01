using System.Reflection;
using System.Xml.Linq;
using ComplexCases.TestSupport;

namespace ComplexCases.Application.Tests.Architecture;

/// <summary>
/// The layers of ADR 0001, checked two ways: the projects each project references, followed transitively from the
/// csproj files (what a build lets the code use), and the assemblies each compiled assembly references (what the code
/// does use). Hosts (Cli, Web) and tests may reference anything; they are where a database provider is picked.
/// </summary>
public sealed class ProjectReferenceTests
{
    private const string Domain = "ComplexCases.Domain";
    private const string Extracts = "ComplexCases.Extracts";
    private const string Synthetic = "ComplexCases.Synthetic";
    private const string Data = "ComplexCases.Data";
    private const string DataSqlite = "ComplexCases.Data.Sqlite";
    private const string DataPostgres = "ComplexCases.Data.Postgres";
    private const string Application = "ComplexCases.Application";

    /// <summary>Every ComplexCases project a library may reach, directly or through others.</summary>
    public static TheoryData<string, string[]> Allowed => new()
    {
        { Domain, [] },
        { Extracts, [Domain] },
        { Synthetic, [Domain] },
        { Data, [Domain] },
        { DataSqlite, [Data, Domain] },
        { DataPostgres, [Data, Domain] },
        { Application, [Domain, Extracts, Data] },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void Project_ReachesOnlyTheProjectsBelowIt(string project, string[] allowed)
    {
        var reached = Reachable(project);

        reached.Except(allowed).ShouldBeEmpty($"{project} must reach only {Describe(allowed)}");
    }

    [Theory]
    [MemberData(nameof(Allowed))]
    public void Assembly_ReferencesOnlyTheProjectsBelowIt(string project, string[] allowed)
    {
        var referenced = Assembly.Load(project).GetReferencedAssemblies().Select(a => a.Name!)
            .Where(name => name.StartsWith("ComplexCases.", StringComparison.Ordinal));

        referenced.Except(allowed).ShouldBeEmpty($"{project} must use only {Describe(allowed)}");
    }

    [Fact]
    public void Application_ReachesNoDatabaseProviderHostOrGenerator()
    {
        var reached = Reachable(Application);

        // Any ComplexCases.Data.<engine> is a provider (SQLite, PostgreSQL).
        reached.Where(p => p.StartsWith(Data + ".", StringComparison.Ordinal)).ShouldBeEmpty();
        reached.ShouldNotContain("ComplexCases.Web");
        reached.ShouldNotContain("ComplexCases.Cli");
        reached.ShouldNotContain(Synthetic);
    }

    [Fact]
    public void Application_UsesNoDatabaseEnginesLibrary()
    {
        // The engine's own ADO.NET and native libraries come with a provider project, never into Application's code.
        var engines = typeof(UseCaseResult<>).Assembly.GetReferencedAssemblies().Select(a => a.Name!)
            .Where(name => name.Contains("Sqlite", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("SQLitePCL", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("Npgsql", StringComparison.OrdinalIgnoreCase));

        engines.ShouldBeEmpty();
    }

    [Fact]
    public void Hosts_PickTheProvider()
    {
        // The other half of the boundary: someone must pick the engine, and it is the hosts.
        Reachable("ComplexCases.Cli").ShouldContain(DataSqlite);
        Reachable("ComplexCases.Web").ShouldContain(DataSqlite);
        Reachable("ComplexCases.Cli").ShouldContain(DataPostgres);
        Reachable("ComplexCases.Web").ShouldContain(DataPostgres);
    }

    private static string Describe(string[] allowed) => allowed.Length == 0 ? "no other ComplexCases project" : string.Join(", ", allowed);

    /// <summary>The ComplexCases projects a src project reaches through its ProjectReferences, transitively.</summary>
    private static HashSet<string> Reachable(string project)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(DirectReferences(project));
        while (pending.TryPop(out var next))
        {
            if (reached.Add(next)) foreach (var further in DirectReferences(next)) pending.Push(further);
        }
        return reached;
    }

    private static List<string> DirectReferences(string project)
    {
        var file = Path.Combine(Repository.Root, "src", project, project + ".csproj");
        File.Exists(file).ShouldBeTrue($"no project file {project}.csproj under src");
        return XDocument.Load(file).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToList();
    }
}
