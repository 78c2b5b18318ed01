using ComplexCases.Domain.Panels;

namespace ComplexCases.Domain.Insight;

/// <summary>One case discussed at a held panel meeting: where it sits, the meeting's month, the expertise it needed, and the agencies present.</summary>
public sealed record PanelCaseSeen(string AreaCode, DateOnly Month, IReadOnlySet<Agency> Needed, IReadOnlySet<Agency> Present);

/// <summary>For one area and month (or a total): cases discussed, those needing any expertise, those with all of it present, and per agency.</summary>
public sealed class CoverageCounts
{
    private readonly int[] _needing = new int[Agencies.All.Count + 1];
    private readonly int[] _present = new int[Agencies.All.Count + 1];

    public int Discussed { get; private set; }

    /// <summary>Cases that needed at least one agency's expertise.</summary>
    public int NeedingAny { get; private set; }

    /// <summary>Cases whose every needed agency had someone present.</summary>
    public int AllPresent { get; private set; }

    public int Needing(Agency agency) => _needing[(int)agency];

    /// <summary>Cases that needed the agency and had someone from it present.</summary>
    public int Present(Agency agency) => _present[(int)agency];

    internal void Add(PanelCaseSeen seen)
    {
        Discussed++;
        if (seen.Needed.Count == 0) return;
        NeedingAny++;
        var all = true;
        foreach (var agency in seen.Needed)
        {
            _needing[(int)agency]++;
            if (seen.Present.Contains(agency)) _present[(int)agency]++;
            else all = false;
        }
        if (all) AllPresent++;
    }
}

/// <summary>
/// Expertise at panel, pure: of the cases discussed at held meetings, how many needed each agency's expertise and how many
/// had someone from that agency present; and how many had every expertise they needed present. Counted per area and month
/// (the meeting's), and in total.
/// </summary>
public static class ExpertiseCoverage
{
    public static IReadOnlyDictionary<(string Area, DateOnly Month), CoverageCounts> Count(IEnumerable<PanelCaseSeen> cases)
    {
        var counts = new Dictionary<(string, DateOnly), CoverageCounts>();
        foreach (var seen in cases)
        {
            var key = (seen.AreaCode, new DateOnly(seen.Month.Year, seen.Month.Month, 1));
            if (!counts.TryGetValue(key, out var c)) counts[key] = c = new CoverageCounts();
            c.Add(seen);
        }
        return counts;
    }

    public static CoverageCounts Total(IEnumerable<PanelCaseSeen> cases)
    {
        var total = new CoverageCounts();
        foreach (var seen in cases) total.Add(seen);
        return total;
    }
}
