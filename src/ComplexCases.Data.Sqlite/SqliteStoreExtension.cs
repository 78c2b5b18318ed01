using ComplexCases.Data.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Data.Sqlite;

/// <summary>
/// Registers the SQLite store operations in EF Core's internal services, so every context configured by
/// <see cref="SqliteDatabase.Configure"/> carries them (see <see cref="StoreServices"/>).
/// </summary>
internal sealed class SqliteStoreExtension : IDbContextOptionsExtension
{
    private DbContextOptionsExtensionInfo? _info;

    public DbContextOptionsExtensionInfo Info => _info ??= new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services)
    {
        // Stateless: one of each for every context of the internal service provider.
        services.AddSingleton<IBulkInserter, SqliteBulkInserter>();
        services.AddSingleton<IPersonResultBulkWriter, SqlitePersonResultWriter>();
        services.AddSingleton<IPersonResultReader, SqlitePersonResultReader>();
        services.AddSingleton<IAuditChainStore, SqliteAuditChain>();
        services.AddSingleton<IRunInputsStore, SqliteRunInputs>();
        services.AddSingleton<IJobLock, SqliteJobLock>();
        services.AddSingleton<IDatabaseFileCopy, SqliteFileCopy>();
    }

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;
        public override string LogFragment => "ComplexCasesSqliteStore ";
        public override int GetServiceProviderHashCode() => 0;
        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;
        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) => debugInfo["ComplexCases:SqliteStore"] = "1";
    }
}
