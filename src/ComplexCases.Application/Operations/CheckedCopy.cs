using ComplexCases.Application.Storage;
using ComplexCases.Application.Audit;
using ComplexCases.Data.Providers;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Operations;

/// <summary>Reads a database copy without changing it: the engine's integrity check, the migrations it has, its audit chain.</summary>
internal static class CheckedCopy
{
    /// <summary>
    /// The copy's contents, or null and why it cannot be used (damaged, not this service's, from a newer version). A copy
    /// whose audit chain is broken is read (Check set) with the break as the problem: a backup keeps it as evidence, a restore refuses it.
    /// </summary>
    public static (DatabaseCopyCheck? Check, string? Problem) Read(IStoreProvider provider, string file)
    {
        var connection = provider.Resolve(file);
        if (connection.Error is { } error) return (null, error);
        using var db = DatabaseTarget.OpenAsIs(provider, connection.ConnectionString!);
        var damage = db.FileCopy().CheckIntegrity(db);
        if (damage.Count > 0) return (null, "damaged: " + string.Join("; ", damage.Take(3)));

        var applied = db.Database.GetAppliedMigrations().ToList();
        if (applied.Count == 0) return (null, "not a Complex Case Service database (no migrations applied)");
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var unknown = applied.Where(m => !known.Contains(m)).ToList();
        if (unknown.Count > 0) return (null, $"made by a newer version of the service (migrations unknown to this one: {string.Join(", ", unknown)})");
        var pending = known.Except(applied, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        var chain = AuditLog.Verify(db);
        var check = new DatabaseCopyCheck(chain.IntactEntries, chain.Head.Hash, applied[^1], pending, db.Runs.Count());
        return (check, chain.Break?.ToString());
    }
}
