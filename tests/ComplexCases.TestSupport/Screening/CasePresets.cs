using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Screening;

namespace ComplexCases.TestSupport.Screening;

/// <summary>
/// People who meet exactly the criteria asked for and definitely not the others (a complete,
/// recent assessment means nothing is unknown). Returns a <see cref="CaseBuilder"/> to adjust further.
/// </summary>
public static class CasePresets
{
    /// <summary>Meets exactly <paramref name="count"/> criteria: the first <paramref name="count"/> in id order.</summary>
    public static CaseBuilder MeetingExactly(int count, string crn = CaseBuilder.DefaultCrn)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, CriterionIds.Count);
        return Meeting(CriterionIds.All.Take(count), crn);
    }

    /// <summary>
    /// Meets exactly these criteria: rosh by an RHRH registration, mental health, self-harm, learning
    /// difficulties and substance by assessment answers, mappa by MAPP M3, opd by SCREENED_IN, ipp by an IPP sentence.
    /// </summary>
    public static CaseBuilder Meeting(IEnumerable<CriterionId> criteria, string crn = CaseBuilder.DefaultCrn)
    {
        var met = criteria.ToHashSet();
        var person = new CaseBuilder(crn);
        person.WithAssessment(a => a
            .MentalHealth(YesIf(met.Contains(CriterionId.MentalHealth)))
            .SelfHarm(YesIf(met.Contains(CriterionId.SelfHarm)))
            .LearningDifficulties(YesIf(met.Contains(CriterionId.LearningDifficulties)))
            .AlcoholNeed(YesIf(met.Contains(CriterionId.Substance))));
        if (met.Contains(CriterionId.Rosh)) person.WithRegistration("RHRH");
        if (met.Contains(CriterionId.Mappa)) person.WithMappa("M3");
        if (met.Contains(CriterionId.Opd)) person.WithOpd(OpdResult.ScreenedIn);
        if (met.Contains(CriterionId.Ipp)) person.WithSentence("IPP");
        return person;
    }

    public static CaseBuilder Meeting(params CriterionId[] criteria) => Meeting(criteria, CaseBuilder.DefaultCrn);

    private static Flag YesIf(bool condition) => condition ? Flag.Yes : Flag.No;
}
