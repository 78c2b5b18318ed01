using System.Globalization;
using ComplexCases.Data;
using ComplexCases.Extracts.Reading;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Definitions;

/// <summary>
/// The definition a queued run asks for: <see cref="Operational"/> (no id: the one adopted for the run's month, resolved when
/// it runs, exactly as the CLI resolves it), a shipped file (an id, no version) or a stored version (id and version).
/// </summary>
public sealed record RunDefinitionChoice(string? Id, int? Version)
{
    public static readonly RunDefinitionChoice Operational = new(null, null);

    /// <summary>
    /// A choice written in configuration, unchecked: empty for the operational one, <c>id@version</c> for a stored version, else a
    /// shipped file's name. A wrong one fails the run with ScreenExtract's own message (a version not stored, a file not found).
    /// </summary>
    public static RunDefinitionChoice Configured(string? text)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value)) return Operational;
        var (id, version) = DefinitionLibrary.ParseKey(value);
        return id is null ? new RunDefinitionChoice(value, null) : new RunDefinitionChoice(id, version);
    }

    /// <summary>How the form and the API write it: empty, <c>id</c> (a shipped file) or <c>id@version</c> (a stored version).</summary>
    public string Value => Id is null ? "" : Version is { } v ? string.Create(CultureInfo.InvariantCulture, $"{Id}@{v}") : Id;

    /// <summary>In words, before the run has resolved it.</summary>
    public string Describe(DateOnly asOf) => Id is null
        ? string.Create(CultureInfo.InvariantCulture, $"the definition adopted for {asOf:MMMM yyyy}")
        : Version is { } v ? string.Create(CultureInfo.InvariantCulture, $"{Id} version {v}") : $"{Id} (shipped file)";

    /// <summary>The stored version asked for; null for the operational one or a shipped file.</summary>
    public DefinitionVersionRef? Stored => Id is { } id && Version is { } v ? new DefinitionVersionRef(id, v) : null;

    /// <summary>The shipped file asked for; null for the operational one or a stored version.</summary>
    public string? ShippedPath => Id is { } id && Version is null ? Path.Combine(DefinitionFile.ShippedFolder, id + ".json") : null;
}

/// <summary>One stored definition version (a row of the <c>definitions</c> table), by its key.</summary>
public sealed record DefinitionVersionRef(string Id, int Version);

/// <summary>One entry of the definition list on <c>/runs/new</c>: the value posted and what the analyst reads.</summary>
public sealed record RunDefinitionOption(string Value, string Label);

/// <summary>
/// What a run started in the browser or through the API may ask for, and the check of what was asked: the page and the API
/// offer and accept the same choices, so an adopted or stored version is never ignored by a web run.
/// </summary>
public static class RunDefinitionChoices
{
    /// <summary>
    /// The adopted one first (named with the adoption effective for <paramref name="today"/>'s month), then every stored version
    /// that still reads as a definition, then the shipped files.
    /// </summary>
    public static IReadOnlyList<RunDefinitionOption> Options(ComplexCasesDbContext db, DateOnly today, IReadOnlyList<string> shipped)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(shipped);
        var options = new List<RunDefinitionOption> { new("", "The definition adopted for that month (now " + Current(db, today) + ")") };
        options.AddRange(StoredVersion.Read(db).Where(v => v.Definition is not null)
            .Select(v => new RunDefinitionOption(new RunDefinitionChoice(v.Row.Id, v.Row.Version).Value,
                string.Create(CultureInfo.InvariantCulture, $"{v.Row.Id} version {v.Row.Version} (stored)"))));
        options.AddRange(shipped.Select(id => new RunDefinitionOption(id, $"{id} (shipped file)")));
        return options;
    }

    /// <summary>Checks a posted choice: the operational one when empty; Invalid with a message naming what is wrong with it.</summary>
    public static UseCaseResult<RunDefinitionChoice> Parse(ComplexCasesDbContext db, string? text, IReadOnlyList<string> shipped)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(shipped);
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value)) return UseCaseResult<RunDefinitionChoice>.Ok(RunDefinitionChoice.Operational);
        var shown = EchoText.Of(value, 100);
        if (!value.Contains('@', StringComparison.Ordinal))
        {
            return shipped.Contains(value, StringComparer.Ordinal)
                ? UseCaseResult<RunDefinitionChoice>.Ok(new RunDefinitionChoice(value, null))
                : UseCaseResult<RunDefinitionChoice>.Invalid($"There is no definition called {shown}: choose a definition from the list");
        }
        var (id, version) = DefinitionLibrary.ParseKey(value);
        if (id is null || version < 1)
            return UseCaseResult<RunDefinitionChoice>.Invalid($"{shown} is not a definition and version (like pilot-2024@2): choose a definition from the list");
        if (DefinitionLibrary.ReadVersion(db, id, version) is not var (file, errors))
            return UseCaseResult<RunDefinitionChoice>.Invalid($"There is no stored definition {shown}: choose a definition from the list");
        return file is null
            ? UseCaseResult<RunDefinitionChoice>.Invalid($"The stored definition {shown} no longer reads as a definition ({EchoText.Of(string.Join("; ", errors), 300)}): choose another")
            : UseCaseResult<RunDefinitionChoice>.Ok(new RunDefinitionChoice(id, version));
    }

    /// <summary>
    /// The adoption in force for <paramref name="today"/>'s month, in words, and the latest decided for a later month (adoptions
    /// take effect from next month on, so a fresh decision is not yet the one in force): what a run with no choice would use.
    /// </summary>
    private static string Current(ComplexCasesDbContext db, DateOnly today)
    {
        var chosen = OperationalDefinition.For(db, today, DefinitionFile.PilotId);
        var adoptions = db.DefinitionAdoptions.AsNoTracking().ToList();
        var now = adoptions.FirstOrDefault(a => a.Id == chosen.AdoptionId) is { } current ? Named(current) : $"{DefinitionFile.PilotId} (nothing adopted)";
        var month = new DateOnly(today.Year, today.Month, 1);
        var next = adoptions.Where(a => a.EffectiveFrom > month).OrderByDescending(a => a.Id).FirstOrDefault();
        return next is null ? now : string.Create(CultureInfo.InvariantCulture, $"{now}; from {next.EffectiveFrom:MMMM yyyy} {Named(next)}");
    }

    private static string Named(Data.Screening.DefinitionAdoption a) => string.Create(CultureInfo.InvariantCulture,
        $"{a.DefinitionId} version {a.DefinitionVersion}, adopted by {a.AdoptedBy} on {a.AdoptedAt:d MMMM yyyy}");
}
