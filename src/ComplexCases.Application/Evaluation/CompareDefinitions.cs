using ComplexCases.Application.Audit;
using ComplexCases.Application.Storage;
using ComplexCases.Data.Providers;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Screening;

namespace ComplexCases.Application.Evaluation;

public sealed record CompareRequest(string? Database, string DefinitionA, string DefinitionB, DateOnly? From = null, DateOnly? To = null)
{
    public string Actor { get; init; } = "cli";
}

/// <summary>The figures of one PDU (or all of them) in one month, for definitions A and B.</summary>
public sealed class ComparisonCell
{
    /// <summary>The thresholds of the sensitivity figures: <see cref="FirstThreshold"/> to <see cref="FirstThreshold"/> + 4.</summary>
    public const int FirstThreshold = 4, Thresholds = 5;
    /// <summary>Index in <see cref="AddedBy"/>/<see cref="DroppedBy"/> of people whose met criteria weigh the same under both: the threshold decides.</summary>
    public const int ByThreshold = CriterionIds.Count;

    public int People { get; set; }
    public int ListedA { get; set; }
    public int ListedB { get; set; }
    public int Both { get; set; }
    /// <summary>Listed by B, not by A.</summary>
    public int Added { get; set; }
    /// <summary>Listed by A, not by B.</summary>
    public int Dropped { get; set; }
    /// <summary>Per criterion id (and <see cref="ByThreshold"/>): added people for whom it weighs more under B than under A.</summary>
    public int[] AddedBy { get; } = new int[CriterionIds.Count + 1];
    public int[] DroppedBy { get; } = new int[CriterionIds.Count + 1];
    /// <summary>Listed under each definition's weights with thresholds 4..8.</summary>
    public int[] ThresholdA { get; } = new int[Thresholds];
    public int[] ThresholdB { get; } = new int[Thresholds];
    /// <summary>Listed with each criterion id dropped (its weight taken away); criteria a definition does not count stay 0.</summary>
    public int[] WithoutA { get; } = new int[CriterionIds.Count];
    public int[] WithoutB { get; } = new int[CriterionIds.Count];
    public Stability A { get; } = new();
    public Stability B { get; } = new();

    /// <summary>Adds another cell's counts (not its stability, which is counted separately): a total is its PDUs' sum.</summary>
    public void Add(ComparisonCell other)
    {
        ArgumentNullException.ThrowIfNull(other);
        People += other.People;
        ListedA += other.ListedA;
        ListedB += other.ListedB;
        Both += other.Both;
        Added += other.Added;
        Dropped += other.Dropped;
        Sum(AddedBy, other.AddedBy);
        Sum(DroppedBy, other.DroppedBy);
        Sum(ThresholdA, other.ThresholdA);
        Sum(ThresholdB, other.ThresholdB);
        Sum(WithoutA, other.WithoutA);
        Sum(WithoutB, other.WithoutB);
    }

    private static void Sum(int[] into, int[] from)
    {
        for (var i = 0; i < into.Length; i++) into[i] += from[i];
    }
}

/// <summary>Month-to-month movement on one definition's list. Null counts in the first month (nothing to compare with).</summary>
public sealed class Stability
{
    /// <summary>Listed now, not in the month before.</summary>
    public int Entering { get; set; }
    /// <summary>Listed the month before, not now (counted in the PDU they were in then).</summary>
    public int Leaving { get; set; }
    /// <summary>Entering, having been listed in an earlier month and then not: flickering back in.</summary>
    public int Returning { get; set; }
}

public sealed record ComparedMonth(StoredRun Run, bool RescreenedA, bool RescreenedB, ComparisonCell Total,
    IReadOnlyDictionary<string, ComparisonCell> Pdus, IReadOnlyDictionary<int, (int A, int B)> Combinations, bool HasPrevious);

/// <summary>Across the months, per definition: how stable the list is.</summary>
public sealed record StabilitySummary(int EverListed, int ListedEveryMonth, int Flickering);

public sealed record ComparisonReport(Definition A, Definition B, DateOnly? From, DateOnly? To, IReadOnlyList<ComparedMonth> Months,
    StabilitySummary StabilityA, StabilitySummary StabilityB);

/// <summary>
/// <c>complexcases compare</c> (issue 14): two definitions side by side over the stored months, per PDU and month —
/// who each lists, who B adds or drops and which criteria make the difference, the combinations of criteria met by the
/// listed, sensitivity to the threshold (4 to 8) and to each criterion being dropped, and month-to-month stability.
/// Months come from <see cref="StoredMonths"/>: no extract is read again.
/// </summary>
public sealed class CompareDefinitions(AuditLog audit, IStoreProvider provider)
{
    public const string Purpose = "comparing complex-case definitions over stored months";

    public UseCaseResult<ComparisonReport> Run(CompareRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.From is { } f && request.To is { } t && f > t)
            return UseCaseResult<ComparisonReport>.Invalid($"--from {f:yyyy-MM-dd} is after --to {t:yyyy-MM-dd}");
        var target = ExistingDatabase.Resolve(provider, request.Database);
        if (!target.Succeeded) return target.ErrorAs<ComparisonReport>();
        try
        {
            using var db = target.Value.Open();
            var a = DefinitionSource.Resolve(db, request.DefinitionA, "--definition (first)");
            if (!a.Succeeded) return a.ErrorAs<ComparisonReport>();
            var b = DefinitionSource.Resolve(db, request.DefinitionB, "--definition (second)");
            if (!b.Succeeded) return b.ErrorAs<ComparisonReport>();
            var months = new StoredMonths(db, provider);
            var runs = months.NewestRunPerDate().Where(r => (request.From is null || r.AsOf >= request.From) && (request.To is null || r.AsOf <= request.To)).ToList();

            var compared = new List<ComparedMonth>();
            var trackA = new Track();
            var trackB = new Track();
            var everyone = new HashSet<Crn>();
            var screened = months.ScreenAll(runs, [a.Value.Definition, b.Value.Definition], cancellationToken);
            if (!screened.Succeeded) return screened.ErrorAs<ComparisonReport>();
            foreach (var pair in screened.Value)
            {
                cancellationToken.ThrowIfCancellationRequested();
                compared.Add(Compare(pair[0], pair[1], a.Value.Definition, b.Value.Definition, trackA, trackB, compared.Count > 0));
                everyone.UnionWith(pair[0].Crns);
            }
            var report = new ComparisonReport(a.Value.Definition, b.Value.Definition, request.From, request.To, compared,
                trackA.Summary(runs.Count), trackB.Summary(runs.Count));

            audit.Append(db, new AuditEntryRequest(request.Actor, AuditAction.Combination, AuditEventTypes.DefinitionsCompared, Purpose)
            {
                Subjects = AuditSubjects.Of(everyone),
                Details = new AuditDetails()
                    .Add("definitionA", $"{a.Value.Definition.Id} v{a.Value.Definition.Version}")
                    .Add("definitionB", $"{b.Value.Definition.Id} v{b.Value.Definition.Version}")
                    .Add("from", request.From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "")
                    .Add("to", request.To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "")
                    .Add("runs", string.Join(",", runs.Select(r => r.Id))).ToString(),
            });
            return UseCaseResult<ComparisonReport>.Ok(report);
        }
        catch (Exception ex) when (provider.IsUnusableTarget(ex))
        {
            return UseCaseResult<ComparisonReport>.Invalid($"cannot use the database ({target.Value.Description}): {ex.GetBaseException().Message}");
        }
        catch (OperationCanceledException)
        {
            return UseCaseResult<ComparisonReport>.Failed("the comparison was cancelled");
        }
    }

    private static ComparedMonth Compare(ScreenedMonth a, ScreenedMonth b, Definition definitionA, Definition definitionB, Track trackA, Track trackB, bool hasPrevious)
    {
        if (a.Count != b.Count) throw new InvalidOperationException($"run {a.Run.Id} gave {a.Count} people under one definition and {b.Count} under the other");
        var weightsA = Weights(definitionA);
        var weightsB = Weights(definitionB);
        var cells = new ComparisonCell[a.Pdus.Length];
        for (var p = 0; p < cells.Length; p++) cells[p] = new ComparisonCell();
        var total = new ComparisonCell();
        var combinations = new Dictionary<int, (int A, int B)>();
        var listedA = new Dictionary<int, string>();
        var listedB = new Dictionary<int, string>();
        for (var i = 0; i < a.Count; i++)
        {
            if (a.Crns[i] != b.Crns[i]) throw new InvalidOperationException($"run {a.Run.Id}: the two screenings disagree on who was screened");
            var cell = cells[a.PduIndexes[i]];
            var oa = a.Outcomes[i];
            var ob = b.Outcomes[i];
            var isA = oa.Status == ScreeningStatus.Complex;
            var isB = ob.Status == ScreeningStatus.Complex;
            // Counted into the person's PDU only; the total is the PDUs' sum, added once below rather than per person.
            cell.People++;
            if (isA) cell.ListedA++;
            if (isB) cell.ListedB++;
            if (isA && isB) cell.Both++;
            if (isB && !isA) cell.Added++;
            if (isA && !isB) cell.Dropped++;
            Sensitivity(cell.ThresholdA, cell.WithoutA, oa, weightsA, definitionA.Threshold);
            Sensitivity(cell.ThresholdB, cell.WithoutB, ob, weightsB, definitionB.Threshold);
            if (isA != isB) Attribute(isB ? cell.AddedBy : cell.DroppedBy, oa.MetMask, weightsA, ob.MetMask, weightsB, isB);
            if (isA) { listedA[a.Crns[i].Value] = a.Pdus[a.PduIndexes[i]]; Combine(combinations, oa.MetMask, 1, 0); }
            if (isB) { listedB[a.Crns[i].Value] = a.Pdus[a.PduIndexes[i]]; Combine(combinations, ob.MetMask, 0, 1); }
        }
        var pdus = new Dictionary<string, ComparisonCell>(StringComparer.Ordinal);
        for (var p = 0; p < cells.Length; p++)
        {
            pdus[a.Pdus[p]] = cells[p];
            total.Add(cells[p]);
        }
        trackA.Next(listedA, pdus, total, c => c.A, hasPrevious);
        trackB.Next(listedB, pdus, total, c => c.B, hasPrevious);
        return new ComparedMonth(a.Run, a.Rescreened, b.Rescreened, total, pdus, combinations, hasPrevious);
    }

    private static int[] Weights(Definition definition)
    {
        var weights = new int[CriterionIds.Count];
        foreach (var rule in definition.Criteria) weights[(int)rule.Id] = rule.Weight;
        return weights;
    }

    private static void Sensitivity(int[] thresholds, int[] without, PersonOutcome o, int[] weights, int threshold)
    {
        for (var t = 0; t < ComparisonCell.Thresholds; t++)
        {
            if (o.Score >= ComparisonCell.FirstThreshold + t) thresholds[t]++;
        }
        if (o.Score < threshold) return;
        for (var c = 0; c < CriterionIds.Count; c++)
        {
            // Dropping a criterion the definition does not count changes nothing: leave it 0, the JSON leaves it out.
            if (weights[c] == 0) continue;
            var loss = (o.MetMask & (1 << c)) != 0 ? weights[c] : 0;
            if (o.Score - loss >= threshold) without[c]++;
        }
    }

    /// <summary>Which criteria make the difference for a person listed by one definition only: those that weigh more (met × weight) under it.</summary>
    private static void Attribute(int[] cell, byte metA, int[] weightsA, byte metB, int[] weightsB, bool added)
    {
        var any = false;
        for (var c = 0; c < CriterionIds.Count; c++)
        {
            var underA = (metA & (1 << c)) != 0 ? weightsA[c] : 0;
            var underB = (metB & (1 << c)) != 0 ? weightsB[c] : 0;
            if (added ? underB > underA : underA > underB)
            {
                cell[c]++;
                any = true;
            }
        }
        if (!any) cell[ComparisonCell.ByThreshold]++;
    }

    private static void Combine(Dictionary<int, (int A, int B)> combinations, byte mask, int a, int b)
    {
        combinations.TryGetValue(mask, out var c);
        combinations[mask] = (c.A + a, c.B + b);
    }

    /// <summary>One definition's list from month to month.</summary>
    private sealed class Track
    {
        private Dictionary<int, string> _previous = [];
        private readonly Dictionary<int, int> _monthsListed = [];
        private readonly HashSet<int> _everLeft = [];
        private readonly HashSet<int> _flickering = [];

        /// <param name="listed">This month's list: CRN value → PDU code.</param>
        public void Next(Dictionary<int, string> listed, Dictionary<string, ComparisonCell> cells, ComparisonCell total, Func<(Stability A, Stability B), Stability> pick, bool hasPrevious)
        {
            foreach (var (crn, pdu) in listed)
            {
                _monthsListed[crn] = _monthsListed.GetValueOrDefault(crn) + 1;
                if (!hasPrevious || _previous.ContainsKey(crn)) continue;
                pick((cells[pdu].A, cells[pdu].B)).Entering++;
                pick((total.A, total.B)).Entering++;
                if (_everLeft.Contains(crn))
                {
                    pick((cells[pdu].A, cells[pdu].B)).Returning++;
                    pick((total.A, total.B)).Returning++;
                    _flickering.Add(crn);
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
    }
}
