using ComplexCases.Data;
using ComplexCases.Domain.Evaluation;
using ComplexCases.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Evaluation;

/// <summary>The stored outcomes of the chosen types, by person, for asking "did this person have one in (D, D + W]?".</summary>
public sealed class OutcomeHistory
{
    private readonly Dictionary<int, DateOnly[]> _dates;

    private OutcomeHistory(Dictionary<int, DateOnly[]> dates) => _dates = dates;

    public static OutcomeHistory Load(ComplexCasesDbContext db, IReadOnlyCollection<OutcomeType> types)
    {
        ArgumentNullException.ThrowIfNull(db);
        var codes = types.Select(t => (byte)t).ToList();
        var byPerson = new Dictionary<int, List<DateOnly>>();
        foreach (var o in db.Outcomes.AsNoTracking().Where(o => codes.Contains(o.Type)).Select(o => new { o.Crn, o.OccurredOn }).AsEnumerable())
        {
            if (!Crn.TryParse(o.Crn, out var crn)) continue;
            if (!byPerson.TryGetValue(crn.Value, out var dates)) byPerson[crn.Value] = dates = [];
            dates.Add(o.OccurredOn);
        }
        return new OutcomeHistory(byPerson.ToDictionary(kv => kv.Key, kv => kv.Value.Order().ToArray()));
    }

    /// <summary>Whether the person has an outcome with <paramref name="after"/> &lt; occurred_on ≤ <paramref name="until"/>.</summary>
    public bool HasOutcome(Crn crn, DateOnly after, DateOnly until)
    {
        if (!_dates.TryGetValue(crn.Value, out var dates)) return false;
        // First date after `after`; the person has an outcome in the window if it is not later than `until`.
        int lo = 0, hi = dates.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (dates[mid] <= after) lo = mid + 1; else hi = mid;
        }
        return lo < dates.Length && dates[lo] <= until;
    }

    /// <summary>The latest outcome date of any type (the default follow-up limit), or null when none is stored.</summary>
    public static DateOnly? Latest(ComplexCasesDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Outcomes.AsNoTracking().OrderByDescending(o => o.OccurredOn).Select(o => (DateOnly?)o.OccurredOn).FirstOrDefault();
    }
}
