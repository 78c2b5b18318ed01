using ComplexCases.Data;
using ComplexCases.Domain.Definitions;

namespace ComplexCases.Application.Definitions;

/// <summary>A stored definition with how many runs used it and the date of the latest.</summary>
public sealed record DefinitionInUse(Definition Definition, int Runs, DateOnly? LastUsed);

/// <summary>The definitions runs have used, with their use: readable by everyone signed in (the definitions page and <c>GET /api/definitions</c>).</summary>
public sealed class DefinitionUsage(ComplexCasesDbContext db)
{
    /// <summary>By id, newest version first. A stored definition that no longer parses is left out rather than shown half-read.</summary>
    public IReadOnlyList<DefinitionInUse> All() => Of(StoredVersion.Read(db));

    /// <summary><see cref="All"/> from versions already read (the definitions page reads them once for both its tables).</summary>
    public static IReadOnlyList<DefinitionInUse> Of(IReadOnlyList<StoredVersion> stored) =>
        [.. stored.Where(v => v.Definition is not null).OrderBy(v => v.Row.Id, StringComparer.Ordinal).ThenByDescending(v => v.Row.Version)
            .Select(v => new DefinitionInUse(v.Definition!, v.Runs, v.LastUsed))];
}
