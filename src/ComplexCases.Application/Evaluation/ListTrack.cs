namespace ComplexCases.Application.Evaluation;

/// <summary>
/// One definition's list from month to month, for <see cref="ComparisonCounter"/>: who enters, leaves and returns each
/// month (into the PDU cells and the total), and over the period who was ever listed, listed every month and flickering —
/// over all PDUs and per PDU (a person counts in the PDU they were in when listed or returning).
/// </summary>
internal sealed class ListTrack
{
    private Dictionary<int, string> _previous = [];
    private readonly Dictionary<int, int> _monthsListed = [];
    private readonly HashSet<int> _everLeft = [];
    private readonly HashSet<int> _flickering = [];
    private readonly Dictionary<(int Crn, string Pdu), int> _monthsListedIn = [];
    private readonly HashSet<(int Crn, string Pdu)> _flickeringIn = [];

    /// <param name="listed">This month's list: CRN value → PDU code.</param>
    public void Next(Dictionary<int, string> listed, Dictionary<string, ComparisonCell> cells, ComparisonCell total, Func<(Stability A, Stability B), Stability> pick, bool hasPrevious)
    {
        foreach (var (crn, pdu) in listed)
        {
            _monthsListed[crn] = _monthsListed.GetValueOrDefault(crn) + 1;
            _monthsListedIn[(crn, pdu)] = _monthsListedIn.GetValueOrDefault((crn, pdu)) + 1;
            if (!hasPrevious || _previous.ContainsKey(crn)) continue;
            pick((cells[pdu].A, cells[pdu].B)).Entering++;
            pick((total.A, total.B)).Entering++;
            if (_everLeft.Contains(crn))
            {
                pick((cells[pdu].A, cells[pdu].B)).Returning++;
                pick((total.A, total.B)).Returning++;
                _flickering.Add(crn);
                _flickeringIn.Add((crn, pdu));
            }
        }
        foreach (var (crn, pdu) in _previous)
        {
            if (listed.ContainsKey(crn)) continue;
            _everLeft.Add(crn);
            // Counted where they were last listed (a PDU with nobody screened this month still shows them leaving).
            if (!cells.TryGetValue(pdu, out var cell)) cells[pdu] = cell = new ComparisonCell();
            pick((cell.A, cell.B)).Leaving++;
            pick((total.A, total.B)).Leaving++;
        }
        _previous = listed;
    }

    public StabilitySummary Summary(int months) =>
        new(_monthsListed.Count, _monthsListed.Count(kv => kv.Value == months), _flickering.Count);

    /// <summary>Per PDU code: listed there in any month, listed there in every month, and returned to the list there.</summary>
    public IReadOnlyDictionary<string, StabilitySummary> PduSummaries(int months)
    {
        var flickering = _flickeringIn.CountBy(k => k.Pdu).ToDictionary(StringComparer.Ordinal);
        return _monthsListedIn.GroupBy(kv => kv.Key.Pdu, StringComparer.Ordinal).ToDictionary(g => g.Key,
            g => new StabilitySummary(g.Count(), g.Count(kv => kv.Value == months), flickering.GetValueOrDefault(g.Key)), StringComparer.Ordinal);
    }
}
