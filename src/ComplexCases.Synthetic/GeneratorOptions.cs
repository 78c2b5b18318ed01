using System.Globalization;

namespace ComplexCases.Synthetic;

/// <summary>What to generate: <paramref name="People"/> under supervision on each of <paramref name="Months"/>
/// monthly screening dates ending on <paramref name="AsOf"/>.</summary>
/// <param name="Preset">One of <see cref="Presets.Names"/>.</param>
/// <param name="DefectRate">Share of rows (0..1) written bad in the ways the importer must reject.</param>
public sealed record GeneratorOptions(int People, int Months, int Seed, DateOnly AsOf, string Preset = Presets.National, double DefectRate = 0)
{
    public const int MaxPeople = 5_000_000;
    public const int MaxMonths = 60;
    public static readonly DateOnly EarliestAsOf = new(2000, 1, 1);
    public static readonly DateOnly LatestAsOf = new(2099, 12, 31);

    /// <summary>Every problem with <paramref name="options"/>, one message each, named by CLI option; empty when valid.</summary>
    public static IReadOnlyList<string> Validate(GeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var c = CultureInfo.InvariantCulture;
        if (options.People is < 1 or > MaxPeople)
            errors.Add(string.Format(c, "--people must be between 1 and {0:N0} (was {1:N0}).", MaxPeople, options.People));
        if (options.Months is < 1 or > MaxMonths)
            errors.Add(string.Format(c, "--months must be between 1 and {0} (was {1}).", MaxMonths, options.Months));
        if (options.AsOf < EarliestAsOf || options.AsOf > LatestAsOf)
            errors.Add(string.Format(c, "--as-of must be between {0:yyyy-MM-dd} and {1:yyyy-MM-dd} (was {2:yyyy-MM-dd}).", EarliestAsOf, LatestAsOf, options.AsOf));
        if (Presets.Find(options.Preset) is null)
            errors.Add($"--region must be one of {string.Join(", ", Presets.Names)} (was '{options.Preset}').");
        if (double.IsNaN(options.DefectRate) || options.DefectRate is < 0 or > 1)
            errors.Add(string.Format(c, "--defects must be between 0 and 1 (was {0}).", options.DefectRate));
        return errors;
    }

    /// <summary>The screening dates, oldest first: one calendar month apart, the last being <see cref="AsOf"/>
    /// (a day that a shorter month lacks becomes that month's last day).</summary>
    public IReadOnlyList<DateOnly> ScreeningDates()
    {
        var dates = new DateOnly[Months];
        for (var i = 0; i < Months; i++) dates[i] = AsOf.AddMonths(i - (Months - 1));
        return dates;
    }
}
