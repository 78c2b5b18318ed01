using System.Globalization;
using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.Screening;

namespace ComplexCases.Application.Lists;

/// <summary>
/// Reads a monthly list request from the words of a query string, as the list page and the JSON API both take it,
/// with one precise message per bad parameter (keyed by the parameter's name).
/// </summary>
public static class MonthlyListParameters
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 200;

    /// <summary>Sort names, in <see cref="MonthlyListSort"/> order.</summary>
    public static IReadOnlyList<string> Sorts { get; } = ["crn", "surname", "score", "practitioner", "months"];

    /// <summary>
    /// For someone who sees pseudonyms only: sorting by name, practitioner or CRN would reveal what the pseudonyms hide
    /// (alphabetical or CRN order), so those sorts are refused and the default becomes score; rows with the same score or
    /// months are ordered by <paramref name="pseudonym"/>, not by CRN.
    /// </summary>
    public static (MonthlyListRequest Request, string? Error) Pseudonymised(MonthlyListRequest request, string? sortAsked, Func<string, string> pseudonym)
    {
        request = request with { TieBreak = pseudonym };
        return request.Sort switch
        {
            MonthlyListSort.Crn when sortAsked is null => (request with { Sort = MonthlyListSort.ScoreDescending }, null),
            MonthlyListSort.Crn or MonthlyListSort.Surname or MonthlyListSort.Practitioner =>
                (request, "Sort must be score or months: names and CRNs are withheld from this list"),
            _ => (request, null),
        };
    }

    public static (MonthlyListRequest Request, IReadOnlyDictionary<string, string> Errors) Parse(string pdu,
        string? run = null, string? status = null, string? change = null, string? team = null, string? practitioner = null,
        string? criterion = null, string? sort = null, string? page = null, string? pageSize = null)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var runId = WholeNumber(run, "run", "Run", errors);
        var pageNumber = WholeNumber(page, "page", "Page", errors);
        var size = WholeNumber(pageSize, "pageSize", "Page size", errors);
        if (pageNumber is < 1) errors["page"] = "Page must be 1 or more";
        if (size is < 1 or > MaxPageSize) errors["pageSize"] = $"Page size must be between 1 and {MaxPageSize}";

        var request = new MonthlyListRequest(pdu)
        {
            RunId = runId, Page = pageNumber ?? 1, PageSize = size ?? DefaultPageSize, TeamCode = team, PractitionerCode = practitioner,
        };
        switch (status)
        {
            case null: break;
            case "complex": request = request with { Status = ScreeningStatus.Complex }; break;
            case "possibly_complex": request = request with { Status = ScreeningStatus.PossiblyComplex }; break;
            default: errors["status"] = "Status must be complex or possibly_complex"; break;
        }
        switch (change)
        {
            case null: break;
            case "new": request = request with { Change = ListChange.New }; break;
            case "continuing": request = request with { Change = ListChange.Continuing }; break;
            case "left": request = request with { Change = ListChange.Left }; break;
            default: errors["change"] = "Change must be new, continuing or left"; break;
        }
        if (criterion is not null)
        {
            if (CriterionIds.TryParse(criterion, out var id)) request = request with { Criterion = id };
            else errors["criterion"] = $"Criterion must be one of {string.Join(", ", CriterionIds.All.Select(c => c.ToKey()))}";
        }
        if (sort is not null)
        {
            var index = Sorts.ToList().IndexOf(sort);
            if (index < 0) errors["sort"] = $"Sort must be one of {string.Join(", ", Sorts)}";
            else request = request with { Sort = (MonthlyListSort)index };
        }
        return (request, errors);
    }

    private static int? WholeNumber(string? value, string key, string label, Dictionary<string, string> errors)
    {
        if (value is null) return null;
        if (int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)) return number;
        errors[key] = $"{label} must be a whole number";
        return null;
    }
}
