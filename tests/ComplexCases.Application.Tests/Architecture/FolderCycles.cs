namespace ComplexCases.Application.Tests.Architecture;

/// <summary>
/// The cycles of a <see cref="FolderGraph"/>, one per strongly connected set of folders (Tarjan), each shown as the shortest
/// way round from its first folder, then every dependency between its folders with an example, so a failure says what to change.
/// </summary>
internal static class FolderCycles
{
    public static IReadOnlyList<string> Describe(FolderGraph graph)
    {
        var described = new List<string>();
        foreach (var component in StronglyConnected(graph).Where(c => c.Count > 1))
        {
            var members = component.ToHashSet(StringComparer.Ordinal);
            var start = component.Min(StringComparer.Ordinal)!;
            var path = ShortestWayBack(graph, start, members);
            // Every dependency that keeps these folders together: removing enough of them breaks the cycle.
            var inside = component.Order(StringComparer.Ordinal)
                .SelectMany(from => Targets(graph, from).Where(members.Contains).Select(to => $"  {from} → {to}: {graph.Edges[from][to]}"));
            described.Add($"{string.Join(" → ", path)} (folders in this cycle: {string.Join(", ", component.Order(StringComparer.Ordinal))})"
                + Environment.NewLine + string.Join(Environment.NewLine, inside));
        }
        return described;
    }

    /// <summary>Breadth first from <paramref name="start"/> back to itself, inside one component.</summary>
    private static List<string> ShortestWayBack(FolderGraph graph, string start, HashSet<string> members)
    {
        var previous = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>([start]);
        while (queue.Count > 0)
        {
            var at = queue.Dequeue();
            foreach (var next in Targets(graph, at).Where(members.Contains))
            {
                if (next == start)
                {
                    var path = new List<string> { start, at };
                    while (path[^1] != start) path.Add(previous[path[^1]]);
                    path.Reverse();
                    return path;
                }
                if (previous.TryAdd(next, at)) queue.Enqueue(next);
            }
        }
        throw new InvalidOperationException($"{start} is in a cycle with no way back: the components are wrong.");
    }

    private static IEnumerable<string> Targets(FolderGraph graph, string folder) =>
        graph.Edges.TryGetValue(folder, out var targets) ? targets.Keys.Order(StringComparer.Ordinal) : [];

    private static List<List<string>> StronglyConnected(FolderGraph graph)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var components = new List<List<string>>();
        void Connect(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in Targets(graph, v))
            {
                if (!index.TryGetValue(w, out var seen))
                {
                    Connect(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], seen);
                }
            }
            if (low[v] != index[v]) return;
            var component = new List<string>();
            string popped;
            do
            {
                popped = stack.Pop();
                onStack.Remove(popped);
                component.Add(popped);
            } while (popped != v);
            components.Add(component);
        }
        foreach (var folder in graph.Folders) if (!index.ContainsKey(folder)) Connect(folder);
        return components;
    }
}
