using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Data.Providers;

/// <summary>
/// What backing up and restoring an embedded database file needs from its engine. Only a file engine (SQLite) supplies it:
/// a server database is backed up with the server's own tools (pg_dump, docs/operations.md).
/// </summary>
public interface IDatabaseFileCopy
{
    /// <summary>
    /// Copies the database the context is connected to into a new file, consistent as of one moment while other connections
    /// go on writing. The copy is one self-contained file: nothing of it is left in a journal beside it.
    /// </summary>
    void CopyTo(DbContext db, string destinationFile);

    /// <summary>The engine's own check of the database's structure: the problems it finds, none when sound (a file too damaged to read is one).</summary>
    IReadOnlyList<string> CheckIntegrity(DbContext db);

    /// <summary>Moves everything committed into the main file, so that nothing beside it (a write-ahead log) holds data.</summary>
    void Checkpoint(DbContext db);
}
