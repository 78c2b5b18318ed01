using ComplexCases.Data.Providers;

namespace ComplexCases.Application.Storage;

/// <summary>Reading a log or stored months must not create an empty database where the user mistyped a path.</summary>
internal static class ExistingDatabase
{
    public static UseCaseResult<DatabaseTarget> Resolve(IStoreProvider provider, string? database)
    {
        var target = DatabaseTarget.Resolve(provider, database);
        if (!target.Succeeded) return target;
        if (!target.Value.Exists) return UseCaseResult<DatabaseTarget>.Invalid($"--db: no database at {target.Value.Description}");
        return target;
    }
}
