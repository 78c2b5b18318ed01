using ComplexCases.Domain.People;
using ComplexCases.Domain.Screening;

namespace ComplexCases.TestSupport.Screening;

/// <summary>
/// One OASys assessment. By default it is recent and complete with nothing of concern (RoSH LOW, every
/// flag N), so a test sets only the answer it is about; <see cref="Blank"/> empties every answer.
/// </summary>
public sealed class AssessmentBuilder
{
    private Assessment _assessment;

    internal AssessmentBuilder(string assessmentId, int line)
    {
        _assessment = new Assessment(assessmentId, TestDates.AssessedOn, line)
        {
            RoshOverall = RoshLevel.Low,
            AlcoholNeed = Flag.No,
            DrugNeed = Flag.No,
            LearningDifficulties = Flag.No,
            MentalHealthConcerns = Flag.No,
            SelfHarmConcerns = Flag.No,
        };
    }

    public AssessmentBuilder Id(string assessmentId) { _assessment = _assessment with { AssessmentId = assessmentId }; return this; }
    public AssessmentBuilder CompletedOn(DateOnly date) { _assessment = _assessment with { CompletedOn = date }; return this; }
    public AssessmentBuilder Line(int line) { _assessment = _assessment with { Line = line }; return this; }

    /// <summary>Every answer empty: an assessment that says nothing.</summary>
    public AssessmentBuilder Blank()
    {
        _assessment = new Assessment(_assessment.AssessmentId, _assessment.CompletedOn, _assessment.Line);
        return this;
    }

    public AssessmentBuilder Rosh(RoshLevel? level) { _assessment = _assessment with { RoshOverall = level }; return this; }
    public AssessmentBuilder MentalHealth(Flag answer) { _assessment = _assessment with { MentalHealthConcerns = answer }; return this; }
    public AssessmentBuilder SelfHarm(Flag answer) { _assessment = _assessment with { SelfHarmConcerns = answer }; return this; }
    public AssessmentBuilder LearningDifficulties(Flag answer) { _assessment = _assessment with { LearningDifficulties = answer }; return this; }
    public AssessmentBuilder AlcoholNeed(Flag need, int? score = null) { _assessment = _assessment with { AlcoholNeed = need, AlcoholScore = score }; return this; }
    public AssessmentBuilder DrugNeed(Flag need, int? score = null) { _assessment = _assessment with { DrugNeed = need, DrugScore = score }; return this; }

    internal Assessment Build() => _assessment;
}
