using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Screening;
using ComplexCases.TestSupport.Screening;
using static ComplexCases.Domain.Definitions.CriterionId;

namespace ComplexCases.Domain.Tests.Screening;

/// <summary>criteria.md, "Rejected rows leave a person's records incomplete": one test per row of its table and per exception.</summary>
public class RejectedRowsTests
{
    private static readonly DateOnly D = TestDates.AsOf;

    /// <summary>Someone whose accepted records decide every criterion "not met" (a complete, recent assessment saying no).</summary>
    private static CaseBuilder NothingMet() => CasePresets.Meeting();

    private static CriterionId[] UnknownOf(PersonOutcome outcome) => [.. CriterionIds.InMask(outcome.UnknownMask)];

    [Fact]
    public void Evaluate_NoRejectedRow_EverythingNotMet()
    {
        var outcome = NothingMet().Screen();

        outcome.MetMask.ShouldBe((byte)0);
        outcome.UnknownMask.ShouldBe((byte)0);
    }

    [Fact]
    public void Evaluate_RejectedRegistration_RoshMentalHealthSelfHarmMappaUnknown()
    {
        var outcome = NothingMet().WithRejectedRow(RecordKind.Registration).Screen();

        UnknownOf(outcome).ShouldBe([Rosh, MentalHealth, SelfHarm, Mappa]);
        outcome.MetMask.ShouldBe((byte)0);
    }

    [Fact]
    public void Evaluate_RejectedAssessmentWithoutRoshRegistration_AssessmentCriteriaAndRoshUnknown()
    {
        var outcome = NothingMet().WithRejectedRow(RecordKind.Assessment).Screen();

        UnknownOf(outcome).ShouldBe([Rosh, MentalHealth, SelfHarm, LearningDifficulties, Substance]);
    }

    [Theory]
    [InlineData("RLRH")]
    [InlineData("RMRH")]
    public void Evaluate_RejectedAssessmentWithCurrentRoshRegistrationNotMet_RoshStaysNotMet(string code)
    {
        var outcome = NothingMet().WithRegistration(code).WithRejectedRow(RecordKind.Assessment).Screen();

        outcome[Rosh].ShouldBe(CriterionOutcome.NotMet);
        UnknownOf(outcome).ShouldBe([MentalHealth, SelfHarm, LearningDifficulties, Substance]);
    }

    [Fact]
    public void Evaluate_RejectedAssessmentWithRoshRegistrationEnded_RoshUnknown()
    {
        // Deregistered before D: not current, so the assessment would decide rosh, and its records are incomplete.
        var outcome = NothingMet().WithRegistration("RLRH", registeredOn: D.AddYears(-2), deregisteredOn: D.AddYears(-1))
            .WithRejectedRow(RecordKind.Assessment).Screen();

        outcome[Rosh].ShouldBe(CriterionOutcome.Unknown);
    }

    [Fact]
    public void Evaluate_RejectedRegistrationWithCurrentRoshRegistrationNotMet_RoshUnknown()
    {
        // A registration row rejected: the newest current RoSH registration may be the one missing.
        var outcome = NothingMet().WithRegistration("RLRH").WithRejectedRow(RecordKind.Registration).Screen();

        outcome[Rosh].ShouldBe(CriterionOutcome.Unknown);
    }

    [Fact]
    public void Evaluate_RejectedSentence_OnlyIppUnknown()
    {
        var outcome = NothingMet().WithRejectedRow(RecordKind.Sentence).Screen();

        UnknownOf(outcome).ShouldBe([Ipp]);
    }

    [Fact]
    public void Evaluate_RejectedOpdScreening_OnlyOpdUnknown()
    {
        var outcome = NothingMet().WithRejectedRow(RecordKind.OpdScreening).Screen();

        UnknownOf(outcome).ShouldBe([Opd]);
    }

    [Theory]
    [InlineData(RecordKind.Registration)]
    [InlineData(RecordKind.Assessment)]
    [InlineData(RecordKind.Sentence)]
    [InlineData(RecordKind.OpdScreening)]
    public void Evaluate_RejectedRowOfAKind_CriteriaMetStayMet(RecordKind kind)
    {
        var all = CasePresets.MeetingExactly(CriterionIds.Count);

        var outcome = all.WithRejectedRow(kind).Screen();

        outcome.MetMask.ShouldBe((byte)0xFF);
        outcome.UnknownMask.ShouldBe((byte)0);
        outcome.Status.ShouldBe(ScreeningStatus.Complex);
    }

    [Fact]
    public void Evaluate_RejectedRowsOfEveryKind_MappaOpdIppUnknownOnlyThen()
    {
        var outcome = NothingMet()
            .WithRejectedRow(RecordKind.Registration).WithRejectedRow(RecordKind.Assessment)
            .WithRejectedRow(RecordKind.Sentence).WithRejectedRow(RecordKind.OpdScreening).Screen();

        outcome.UnknownMask.ShouldBe((byte)0xFF);
    }

    [Fact]
    public void Evaluate_NoAssessmentAndNoRejectedRow_MappaOpdIppNeverUnknown()
    {
        var outcome = new CaseBuilder().Screen();

        outcome[Mappa].ShouldBe(CriterionOutcome.NotMet);
        outcome[Opd].ShouldBe(CriterionOutcome.NotMet);
        outcome[Ipp].ShouldBe(CriterionOutcome.NotMet);
    }

    [Fact]
    public void Evaluate_RejectedRowForCriterionOutsideDefinition_NotCounted()
    {
        var definition = TestDefinitions.Pilot(d => d.Criteria.RemoveAt(d.Criteria.ToList().FindIndex(c => (string?)c!["id"] == "ipp")));

        var outcome = NothingMet().WithRejectedRow(RecordKind.Sentence).Screen(definition);

        outcome.UnknownMask.ShouldBe((byte)0);
        outcome.Status.ShouldBe(ScreeningStatus.NotListed);
    }

    [Fact]
    public void Evaluate_RejectedRowsReachThreshold_PossiblyComplex()
    {
        // Four met by records, two unknown only because rows were rejected: 4 + 2 reaches six.
        var person = CasePresets.Meeting(Rosh, MentalHealth, SelfHarm, LearningDifficulties);
        person.Screen().Status.ShouldBe(ScreeningStatus.NotListed);

        var outcome = person.WithRejectedRow(RecordKind.Sentence).WithRejectedRow(RecordKind.OpdScreening).Screen();

        outcome.Score.ShouldBe((short)4);
        outcome.UnknownWeight.ShouldBe((short)2);
        outcome.Status.ShouldBe(ScreeningStatus.PossiblyComplex);
    }

    [Fact]
    public void Explain_RejectedRegistration_RowIsTheEvidence()
    {
        var explanation = NothingMet().WithRejectedRow(RecordKind.Registration, line: 41,
            reason: "malformed value: registered_on must be a date written yyyy-MM-dd").Explain();

        var mappa = explanation.Single(e => e.Criterion == Mappa);
        mappa.Outcome.ShouldBe(CriterionOutcome.Unknown);
        mappa.Evidence.ShouldBe(new Evidence("registrations.csv", 41, "", null, "malformed value: registered_on must be a date written yyyy-MM-dd", Rejected: true));
        mappa.Reason.ShouldBe("registrations.csv line 41, naming this person, was rejected (malformed value: registered_on must be a date written yyyy-MM-dd), so their registrations are incomplete");
        explanation.Single(e => e.Criterion == Opd).Evidence?.Rejected.ShouldBeNull();
    }

    [Fact]
    public void Explain_SeveralRejectedRows_FirstLineOfTheKindAndRegistrationsBeforeAssessments()
    {
        var explanation = NothingMet()
            .WithRejectedRow(RecordKind.Assessment, line: 3)
            .WithRejectedRow(RecordKind.Registration, line: 70)
            .WithRejectedRow(RecordKind.Registration, line: 12)
            .Explain();

        explanation.Single(e => e.Criterion == MentalHealth).Evidence!.ShouldSatisfyAllConditions(
            ev => ev.File.ShouldBe("registrations.csv"), ev => ev.Line.ShouldBe(12));
        explanation.Single(e => e.Criterion == Substance).Evidence!.ShouldSatisfyAllConditions(
            ev => ev.File.ShouldBe("assessments.csv"), ev => ev.Line.ShouldBe(3));
    }

    [Fact]
    public void Explain_AlreadyUnknownAndRowRejected_BothReasonsGiven()
    {
        var explanation = new CaseBuilder().WithAssessment(a => a.CompletedOn(D.AddYears(-3)))
            .WithRejectedRow(RecordKind.Assessment, line: 9, reason: "duplicate key: assessment_id A1 appears on 2 rows (lines 9 and 10)")
            .Explain();

        var learning = explanation.Single(e => e.Criterion == LearningDifficulties);
        learning.Outcome.ShouldBe(CriterionOutcome.Unknown);
        learning.Evidence!.Line.ShouldBe(9);
        learning.Reason.ShouldContain("assessments.csv line 9, naming this person, was rejected (duplicate key");
        learning.Reason.ShouldContain("; also latest assessment OASYS0001 completed");
    }

    [Fact]
    public void Evaluate_RejectedRowsInAnyOrder_SameOutcomeAndEvidence()
    {
        var a = NothingMet().WithRejectedRow(RecordKind.Registration, 30).WithRejectedRow(RecordKind.Registration, 5).Explain();
        var b = NothingMet().WithRejectedRow(RecordKind.Registration, 5).WithRejectedRow(RecordKind.Registration, 30).Explain();

        a.ShouldBe(b);
    }

    [Fact]
    public void Caseload_RejectedRowsGroupedByPerson_EachPersonSeesOnlyTheirs()
    {
        var caseload = CaseBuilder.Caseload(
            new CaseBuilder("E000002").WithRejectedRow(RecordKind.Sentence, 7),
            new CaseBuilder("E000001"),
            new CaseBuilder("E000003").WithRejectedRow(RecordKind.OpdScreening, 4).WithRejectedRow(RecordKind.Registration, 9));

        caseload.RejectedRecordCount.ShouldBe(3);
        caseload.HasRejectedRecords(0).ShouldBeFalse();
        caseload.RecordsOf(1).Rejected.ToArray().ShouldBe([new RejectedRecord(RecordKind.Sentence, 7, "malformed value: a date written yyyy-MM-dd")]);
        caseload.RecordsOf(2).Rejected.ToArray().Select(r => r.Line).ShouldBe([4, 9]);
        caseload.IndexOf(Crn.Parse("E000003")).ShouldBe(2);
    }
}
