using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ComplexCases.Data.Providers;

/// <summary>
/// The provider's store operations for a context. A provider registers them in EF Core's internal services when it
/// configures the context's options (as EF's own providers register theirs), so whoever holds a context, however it
/// was made (a host's pool, a test's file, the command line), gets the operations of the engine it talks to.
/// </summary>
public static class StoreServices
{
    public static IBulkInserter BulkInserter(this DbContext db) => Get<IBulkInserter>(db);
    public static IPersonResultBulkWriter PersonResultWriter(this DbContext db) => Get<IPersonResultBulkWriter>(db);
    public static IPersonResultReader PersonResultReader(this DbContext db) => Get<IPersonResultReader>(db);
    public static IAuditChainStore AuditChain(this DbContext db) => Get<IAuditChainStore>(db);
    public static IRunInputsStore RunInputs(this DbContext db) => Get<IRunInputsStore>(db);
    public static IJobLock JobLock(this DbContext db) => Get<IJobLock>(db);
    /// <summary>Backup and restore of a database file; a server engine supplies none (its callers check for a file first).</summary>
    public static IDatabaseFileCopy FileCopy(this DbContext db) => Get<IDatabaseFileCopy>(db);

    private static T Get<T>(DbContext db) where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        return ((IInfrastructure<IServiceProvider>)db).Instance.GetService(typeof(T)) as T
            ?? throw new InvalidOperationException(
                $"The context's database provider supplies no {typeof(T).Name}: configure it through a ComplexCases provider (e.g. ComplexCases.Data.Sqlite).");
    }
}
