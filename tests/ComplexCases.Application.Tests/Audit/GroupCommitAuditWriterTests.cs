using ComplexCases.Application.Audit;
using ComplexCases.Domain.Audit;
using ComplexCases.TestSupport.Data;
using Microsoft.Extensions.Time.Testing;

namespace ComplexCases.Application.Tests.Audit;

public sealed class GroupCommitAuditWriterTests : IDisposable
{
    private readonly ITestDatabase _db = TestDatabases.Create();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task AppendAsync_ManyConcurrentCallers_AllCommittedInOneUnbrokenChain()
    {
        _db.Open().Dispose();
        await using var writer = new GroupCommitAuditWriter(() => _db.Open(), new AuditLog(new FakeTimeProvider(DateTimeOffset.Parse("2024-09-02T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture))));

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() =>
            writer.AppendAsync(new AuditEntryRequest($"user{i % 7}", AuditAction.Consultation, AuditEventTypes.CaseViewed, "test")))));

        _db.Count("audit_events").ShouldBe(200);
        using var db = _db.Open();
        var result = AuditLog.Verify(db);
        result.Break.ShouldBeNull();
        result.IntactEntries.ShouldBe(200);
    }

    [Fact]
    public async Task AppendAsync_TwoWritersOnOneDatabase_AsTwoInstances_LeaveOneGapFreeChain()
    {
        // Two web instances each have a group commit; each batch is appended in one go (on PostgreSQL one INSERT under the
        // chain's lock), so the batches must interleave whole, each after the other's committed head.
        _db.Open().Dispose();
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2024-09-02T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var first = new GroupCommitAuditWriter(() => _db.Open(), new AuditLog(clock));
        await using var second = new GroupCommitAuditWriter(() => _db.Open(), new AuditLog(clock));

        await Task.WhenAll(Enumerable.Range(0, 300).Select(i => Task.Run(() =>
            (i % 2 == 0 ? first : second).AppendAsync(new AuditEntryRequest($"user{i % 7}", AuditAction.Consultation, AuditEventTypes.CaseViewed, "test")
            {
                Details = $"view {i}",
            }))));

        using var db = _db.Open();
        var result = AuditLog.Verify(db);
        result.Break.ShouldBeNull();
        result.IntactEntries.ShouldBe(300);
        db.AuditEvents.Select(e => e.Details).ToList().Order(StringComparer.Ordinal)
            .ShouldBe(Enumerable.Range(0, 300).Select(i => $"view {i}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AppendAsync_WhenTheDatabaseRefuses_FaultsTheCallers()
    {
        _db.InjectFault("audit_events", "injected");
        await using var writer = new GroupCommitAuditWriter(() => _db.Open(), new AuditLog(new ComplexCases.TestSupport.TestClock()));

        await Should.ThrowAsync<Exception>(() => writer.AppendAsync(new AuditEntryRequest("u", AuditAction.Consultation, AuditEventTypes.CaseViewed, "test")));

        _db.Count("audit_events").ShouldBe(0);
    }
}
