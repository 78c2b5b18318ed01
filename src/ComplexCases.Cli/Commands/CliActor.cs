using ComplexCases.Domain.Audit;

namespace ComplexCases.Cli.Commands;

/// <summary>
/// Who an operations command acts as, for its audit entry: <c>cli:&lt;operating-system user&gt;</c>. A screening keeps
/// <c>cli</c> (its run records it too); an account or an erasure is an administrator's act, so the log names who ran it.
/// </summary>
internal static class CliActor
{
    public static string Current
    {
        get
        {
            var user = Environment.UserName;
            var actor = "cli:" + (string.IsNullOrWhiteSpace(user) ? "unknown" : user.Trim());
            return actor.Length <= AuditEntry.MaxActorLength ? actor : actor[..AuditEntry.MaxActorLength];
        }
    }
}
