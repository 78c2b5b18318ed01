using ComplexCases.Data;
using ComplexCases.Data.Screening;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Definitions;

/// <summary>
/// The definition whose list for a month feeds the Complex Case process: the latest adoption effective for that month
/// (the greatest effective-from on or before it; of two for the same month, the later decision), naming an id and a
/// version; with no adoption, the configured id (<c>Workflow:DefinitionId</c>) in any version, as before adoptions existed.
/// </summary>
public sealed record OperationalChoice(string DefinitionId, int? DefinitionVersion, int? AdoptionId)
{
    public bool Matches(string definitionId, int version) =>
        definitionId == DefinitionId && (DefinitionVersion is null || DefinitionVersion == version);
}

public static class OperationalDefinition
{
    /// <summary>The choice for the month of <paramref name="asOf"/>.</summary>
    public static OperationalChoice For(ComplexCasesDbContext db, DateOnly asOf, string configuredId) =>
        Choose(Adoptions(db), asOf, configuredId);

    /// <summary>Whether a run of this definition, dated <paramref name="asOf"/>, is the operational one for its month.</summary>
    public static bool IsOperational(ComplexCasesDbContext db, DateOnly asOf, string definitionId, int version, string configuredId) =>
        For(db, asOf, configuredId).Matches(definitionId, version);

    /// <summary>The ids of the stored runs made with the operational definition of their month (a handful of runs a month).</summary>
    public static IReadOnlyList<int> RunIds(ComplexCasesDbContext db, string configuredId)
    {
        var adoptions = Adoptions(db);
        if (adoptions.Count == 0)
            return [.. db.Runs.AsNoTracking().Where(r => r.DefinitionId == configuredId).Select(r => r.Id).ToList()];
        return [.. db.Runs.AsNoTracking().Select(r => new { r.Id, r.AsOf, r.DefinitionId, r.DefinitionVersion }).ToList()
            .Where(r => Choose(adoptions, r.AsOf, configuredId).Matches(r.DefinitionId, r.DefinitionVersion)).Select(r => r.Id)];
    }

    /// <summary>The stored runs made with the operational definition of their month, to query further.</summary>
    public static IQueryable<ScreeningRun> Runs(ComplexCasesDbContext db, string configuredId)
    {
        var ids = RunIds(db, configuredId);
        return db.Runs.AsNoTracking().Where(r => ids.Contains(r.Id));
    }

    private static List<DefinitionAdoption> Adoptions(ComplexCasesDbContext db) => db.DefinitionAdoptions.AsNoTracking().ToList();

    private static OperationalChoice Choose(IReadOnlyList<DefinitionAdoption> adoptions, DateOnly asOf, string configuredId)
    {
        var month = new DateOnly(asOf.Year, asOf.Month, 1);
        var adoption = adoptions.Where(a => a.EffectiveFrom <= month).OrderByDescending(a => a.EffectiveFrom).ThenByDescending(a => a.Id).FirstOrDefault();
        return adoption is null
            ? new OperationalChoice(configuredId, null, null)
            : new OperationalChoice(adoption.DefinitionId, adoption.DefinitionVersion, adoption.Id);
    }
}
