using ComplexCases.Domain.Audit;

namespace ComplexCases.Domain.Tests.Audit;

public class AuditEntryTests
{
    private static AuditEntry Entry(string actor = "cli", string eventType = "case.viewed", string purpose = "supervision", string details = "",
        AuditAction action = AuditAction.Consultation, DateTimeOffset? at = null) =>
        new(at ?? AuditEvents.Start, actor, action, eventType, purpose, AuditSubjects.None, details);

    [Fact]
    public void Construction_TimeWithAnOffset_IsHeldInUtc()
    {
        var entry = Entry(at: new DateTimeOffset(2024, 9, 2, 10, 0, 0, TimeSpan.FromHours(1)));

        entry.OccurredAt.Offset.ShouldBe(TimeSpan.Zero);
        entry.OccurredAt.ShouldBe(new DateTimeOffset(2024, 9, 2, 9, 0, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("line\nbreak")]
    public void Construction_BadActor_Throws(string actor) =>
        Should.Throw<ArgumentException>(() => Entry(actor: actor));

    [Fact]
    public void Construction_NoPurpose_Throws() =>
        Should.Throw<ArgumentException>(() => Entry(purpose: ""));

    [Theory]
    [InlineData("viewed")]
    [InlineData("Case.Viewed")]
    [InlineData("case..viewed")]
    [InlineData("case.viewed ")]
    [InlineData(".viewed")]
    public void Construction_BadEventType_Throws(string eventType) =>
        Should.Throw<ArgumentException>(() => Entry(eventType: eventType));

    [Fact]
    public void Construction_DetailsTooLong_Throws() =>
        Should.Throw<ArgumentException>(() => Entry(details: new string('x', AuditEntry.MaxDetailsLength + 1)));

    [Fact]
    public void Construction_UndefinedAction_Throws() =>
        Should.Throw<ArgumentOutOfRangeException>(() => Entry(action: (AuditAction)42));

    [Fact]
    public void ActionKeys_EveryAction_RoundTrips()
    {
        foreach (var action in AuditActions.All)
        {
            AuditActions.TryParse(action.ToKey(), out var parsed).ShouldBeTrue();
            parsed.ShouldBe(action);
        }
        AuditActions.All.Select(a => a.ToKey()).ShouldBe(["collection", "alteration", "consultation", "disclosure", "combination", "erasure"]);
    }
}
