using System.Reflection;
using ComplexCases.Application.Audit;
using ComplexCases.TestSupport;

namespace ComplexCases.Application.Tests.Audit;

/// <summary>docs/audit-events.md is the account of what is audited: every event type the code writes has its row there.</summary>
public sealed class AuditEventDocsTests
{
    [Fact]
    public void EveryEventType_IsDocumented()
    {
        var docs = File.ReadAllText(Path.Combine(Repository.Root, "docs", "audit-events.md"));
        var types = typeof(AuditEventTypes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();

        types.Count.ShouldBeGreaterThan(20);
        types.Where(t => !docs.Contains($"| `{t}` |", StringComparison.Ordinal)).ShouldBeEmpty();
    }
}
