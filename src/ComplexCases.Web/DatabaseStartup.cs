using ComplexCases.Application.Storage;
using ComplexCases.Web.Operations;

namespace ComplexCases.Web;

/// <summary>How the site picks its engine and gets its schema up to date before taking requests.</summary>
internal static class DatabaseStartup
{
    public const string MigrateOnStartSetting = "Database:MigrateOnStart";

    /// <summary>
    /// Migrates when allowed (demo, development, or <c>Database:MigrateOnStart</c>); otherwise refuses a database that is not
    /// up to date. A production site's account should not need DDL rights, and an upgrade is a deliberate step
    /// (<c>complexcases migrate</c>), not a side effect of whichever instance starts first.
    /// </summary>
    public static void Prepare(DatabaseTarget database, bool migrate)
    {
        if (migrate)
        {
            // Migrates (and, for SQLite, sets WAL) once; requests then share pooled connections and never re-check the schema.
            database.Open().Dispose();
            return;
        }
        var pending = Pending(database);
        if (pending.Count > 0)
            throw new StartRefusedException(
                $"The database ({database.Description}) needs {pending.Count} schema migration(s) ({string.Join(", ", pending)}). " +
                $"Run 'complexcases migrate --db <connection string>' first, or set {MigrateOnStartSetting}=true to let the site apply them at start.");
    }

    private static IReadOnlyList<string> Pending(DatabaseTarget database) =>
        database.Exists ? database.PendingMigrations() : ["(all: the database does not exist)"];
}
