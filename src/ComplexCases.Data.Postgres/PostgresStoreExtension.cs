using ComplexCases.Data.Providers;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Data.Postgres;

/// <summary>
/// Registers the PostgreSQL store operations in EF Core's internal services, so every context configured by
/// <see cref="PostgresDatabase.Configure"/> carries them (see <see cref="StoreServices"/>).
/// </summary>
internal sealed class PostgresStoreExtension : IDbContextOptionsExtension
{
    private DbContextOptionsExtensionInfo? _info;

    public DbContextOptionsExtensionInfo Info => _info ??= new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services)
    {
        // Stateless: one of each for every context of the internal service provider.
        services.AddSingleton<IBulkInserter, PostgresBulkInserter>();
        services.AddSingleton<IPersonResultBulkWriter, PostgresPersonResultWriter>();
        services.AddSingleton<IPersonResultReader, PostgresPersonResultReader>();
        services.AddSingleton<IAuditChainStore, PostgresAuditChain>();
        services.AddSingleton<IRunInputsStore, PostgresRunInputs>();
        services.AddSingleton<IJobLock, PostgresJobLock>();
    }

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;
        public override string LogFragment => "ComplexCasesPostgresStore ";
        public override int GetServiceProviderHashCode() => 0;
        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;
        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) => debugInfo["ComplexCases:PostgresStore"] = "1";
    }
}
