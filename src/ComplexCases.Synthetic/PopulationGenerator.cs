namespace ComplexCases.Synthetic;

/// <summary>One month written by <see cref="PopulationGenerator.Generate"/>.</summary>
/// <param name="Folder">Full path of the month's extract folder (named <c>yyyy-MM-dd</c>).</param>
/// <param name="People">People under supervision on <paramref name="AsOf"/> (people.csv rows meant to be valid).</param>
/// <param name="Rows">Data rows written over all six files (headers not counted).</param>
/// <param name="DefectRows">Rows the importer must reject: rows made bad, both copies of a duplicated key, and the
/// rows of a person whose people.csv row was made bad (they become orphans).</param>
public sealed record GeneratedMonth(DateOnly AsOf, string Folder, int People, int Rows, int DefectRows);

/// <summary>How far generation has got: months finished, and people written over all months (a single month moves too).</summary>
public sealed record GenerationProgress(int MonthsDone, int MonthsTotal)
{
    public long PeopleDone { get; init; }
    public long PeopleTotal { get; init; }
}

/// <summary>
/// Writes a synthetic caseload as monthly extracts (extract-format.md), one folder per screening date. Everything is
/// synthetic and derived from <see cref="GeneratorOptions.Seed"/>: the same options give byte-identical files.
/// docs/synthetic-data.md describes the model and its parameters.
/// </summary>
public static class PopulationGenerator
{
    public static IReadOnlyList<GeneratedMonth> Generate(GeneratorOptions options, string outputDirectory,
        IProgress<GenerationProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        var errors = GeneratorOptions.Validate(options);
        if (errors.Count > 0) throw new ArgumentException(string.Join(Environment.NewLine, errors), nameof(options));

        var dates = options.ScreeningDates();
        var plan = new CaseloadPlan(options, dates, ct);
        Directory.CreateDirectory(outputDirectory);
        var months = new GeneratedMonth[dates.Count];
        var done = 0;
        long peopleDone = 0;
        var peopleTotal = (long)options.People * dates.Count;
        // Months are independent (each regenerates its people from their seeds), so they run in parallel and the
        // files are the same whatever the order.
        Parallel.For(0, dates.Count, new ParallelOptions { CancellationToken = ct }, m =>
        {
            var folder = Path.Combine(Path.GetFullPath(outputDirectory), dates[m].ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            months[m] = new MonthWriter(plan, m, Math.Min(dates.Count, Environment.ProcessorCount)).Write(folder, ct, written =>
                progress?.Report(new GenerationProgress(Volatile.Read(ref done), dates.Count)
                {
                    PeopleDone = Interlocked.Add(ref peopleDone, written), PeopleTotal = peopleTotal,
                }));
            progress?.Report(new GenerationProgress(Interlocked.Increment(ref done), dates.Count)
            {
                PeopleDone = Volatile.Read(ref peopleDone), PeopleTotal = peopleTotal,
            });
        });
        return months;
    }
}
