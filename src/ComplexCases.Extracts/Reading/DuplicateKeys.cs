using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ComplexCases.Extracts.Reading;

/// <summary>Finds keys that occur on more than one row: every such row is rejected, not just the later ones.</summary>
internal static class DuplicateKeys
{
    /// <summary>Groups of row indices (ascending) that share a key, among the rows <paramref name="include"/> admits.</summary>
    /// <remarks>Holds one dictionary entry per key while it runs; only the (normally few) duplicated keys are kept after.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static List<List<int>> Find<TKey>(int count, Func<int, bool> include, Func<int, TKey> keyOf)
        where TKey : notnull
    {
        const int Duplicated = -1;
        var firstRow = new Dictionary<TKey, int>(count);
        Dictionary<TKey, List<int>>? groups = null;
        for (var i = 0; i < count; i++)
        {
            if (!include(i)) continue;
            var key = keyOf(i);
            ref var first = ref CollectionsMarshal.GetValueRefOrAddDefault(firstRow, key, out var seen);
            if (!seen)
            {
                first = i;
                continue;
            }
            groups ??= [];
            if (first != Duplicated)
            {
                groups.Add(key, [first]);
                first = Duplicated;
            }
            groups[key].Add(i);
        }
        return groups is null ? [] : [.. groups.Values];
    }

    /// <summary>"lines 4, 9 and 12" — the first few lines of a group, for a rejection's detail.</summary>
    public static string DescribeLines(List<int> group, Func<int, int> lineOf)
    {
        const int Shown = 5;
        var lines = group.Take(Shown).Select(i => lineOf(i).ToString(CultureInfo.InvariantCulture)).ToList();
        var text = lines.Count == 1 ? $"line {lines[0]}" : $"lines {string.Join(", ", lines[..^1])} and {lines[^1]}";
        return group.Count > Shown ? $"lines {string.Join(", ", lines)}, …" : text;
    }
}
