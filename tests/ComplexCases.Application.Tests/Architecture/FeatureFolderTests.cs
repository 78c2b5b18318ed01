namespace ComplexCases.Application.Tests.Architecture;

/// <summary>
/// Application's feature folders (ComplexCases.Application.&lt;Folder&gt;) form a DAG, drawn in docs/architecture.md: a folder
/// that needs something from a folder above it depends on a small abstraction it owns, which the folder above implements
/// (e.g. workflow, panels and quality reviews tell their notices to ports that Notifications implements).
/// </summary>
public sealed class FeatureFolderTests
{
    private static readonly Lazy<FolderGraph> Graph = new(() =>
        FolderGraph.Read(typeof(ComplexCases.Application.Access.Permission).Assembly.Location, "ComplexCases.Application"));

    [Fact]
    public void No_cycle_between_feature_folders()
    {
        var cycles = FolderCycles.Describe(Graph.Value);

        cycles.ShouldBeEmpty("Application's feature folders must form a DAG; cycles found:" + Environment.NewLine
            + string.Join(Environment.NewLine, cycles));
    }

    [Fact]
    public void The_reading_sees_dependencies_made_only_in_method_bodies()
    {
        // ReminderSweep calls CaseQuery.LatestFacts inside a method and holds no Cases type in a signature or field: if this
        // edge were missed, the test above could pass on a graph with dependencies left out.
        Graph.Value.Uses("Notifications", "Cases").ShouldBeTrue();
        Graph.Value.Uses("Cases", "Notifications").ShouldBeFalse();
    }
}
