using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Screening;

namespace ComplexCases.TestSupport.Screening;

/// <summary>
/// One person and their records, with defaults everywhere: records are dated well before
/// <see cref="TestDates.AsOf"/> and numbered as lines 2, 3, … of their file in the order added.
/// <code>
/// new CaseBuilder("E000001").WithRegistration("RHRH", registeredOn: new(2024, 1, 1))
///     .WithAssessment(a => a.MentalHealth(Flag.Yes)).WithSentence("IPP").WithOpd(OpdResult.ScreenedIn).Screen();
/// </code>
/// </summary>
public sealed class CaseBuilder
{
    public const string DefaultCrn = "E000001";

    private readonly List<Registration> _registrations = [];
    private readonly List<Assessment> _assessments = [];
    private readonly List<Sentence> _sentences = [];
    private readonly List<OpdScreening> _opdScreenings = [];
    private readonly List<RejectedRecord> _rejected = [];
    private Person _person;

    public CaseBuilder(string crn = DefaultCrn)
    {
        _person = new Person(Crn.Parse(crn), PduCode: "EOENFK", RegionCode: "N07", Line: 2);
    }

    public Crn Crn => _person.Crn;

    public CaseBuilder WithPerson(Func<Person, Person> change) { _person = change(_person); return this; }

    public CaseBuilder WithRegistration(string code, DateOnly? registeredOn = null, DateOnly? deregisteredOn = null,
        string? level = null, int? line = null)
    {
        _registrations.Add(new Registration(code, level, registeredOn ?? TestDates.RecordedOn, deregisteredOn, line ?? NextLine(_registrations.Count)));
        return this;
    }

    /// <summary>A <c>MAPP</c> registration at <paramref name="level"/> (<c>M0</c>–<c>M3</c>).</summary>
    public CaseBuilder WithMappa(string level, DateOnly? registeredOn = null, DateOnly? deregisteredOn = null, int? line = null) =>
        WithRegistration("MAPP", registeredOn, deregisteredOn, level, line);

    /// <summary>Adds an assessment (recent, complete, nothing of concern unless <paramref name="configure"/> says).</summary>
    public CaseBuilder WithAssessment(Action<AssessmentBuilder>? configure = null)
    {
        var builder = new AssessmentBuilder($"OASYS{_assessments.Count + 1:D4}", NextLine(_assessments.Count));
        configure?.Invoke(builder);
        _assessments.Add(builder.Build());
        return this;
    }

    public CaseBuilder WithoutAssessments() { _assessments.Clear(); return this; }

    public CaseBuilder WithSentence(string type, DateOnly? sentencedOn = null, DateOnly? terminatedOn = null,
        string? eventNumber = null, int? line = null)
    {
        _sentences.Add(new Sentence(eventNumber ?? $"{_sentences.Count + 1}", type, sentencedOn ?? TestDates.RecordedOn, terminatedOn,
            line ?? NextLine(_sentences.Count)));
        return this;
    }

    public CaseBuilder WithOpd(OpdResult result, DateOnly? on = null, Flag overridden = Flag.Unknown, int? line = null)
    {
        _opdScreenings.Add(new OpdScreening(on ?? TestDates.RecordedOn, result, overridden, line ?? NextLine(_opdScreenings.Count)));
        return this;
    }

    /// <summary>A row of one of this person's record files that the importer rejected (their records of that kind are incomplete).</summary>
    public CaseBuilder WithRejectedRow(RecordKind kind, int line = 90, string reason = "malformed value: a date written yyyy-MM-dd")
    {
        _rejected.Add(new RejectedRecord(kind, line, reason));
        return this;
    }

    public TestCase Build() => new(_person, [.. _registrations], [.. _assessments], [.. _sentences], [.. _opdScreenings]) { Rejected = [.. _rejected] };

    /// <summary>Screens this person against <paramref name="definition"/> (default: the pilot) on <paramref name="asOf"/> (default: <see cref="TestDates.AsOf"/>).</summary>
    public PersonOutcome Screen(Definition? definition = null, DateOnly? asOf = null) => Build().Screen(definition, asOf);

    /// <summary>How one criterion comes out for this person (pilot definition and <see cref="TestDates.AsOf"/> unless given).</summary>
    public CriterionOutcome OutcomeOf(CriterionId criterion, Definition? definition = null, DateOnly? asOf = null) =>
        Screen(definition, asOf)[criterion];

    public IReadOnlyList<CriterionExplanation> Explain(Definition? definition = null, DateOnly? asOf = null) => Build().Explain(definition, asOf);

    /// <summary>Adds the person and every record to a caseload under construction.</summary>
    public CaseloadBuilder AddTo(CaseloadBuilder caseload) => Build().AddTo(caseload);

    /// <summary>A caseload of these people, via the real <see cref="CaseloadBuilder"/>.</summary>
    public static Caseload Caseload(params CaseBuilder[] people)
    {
        var builder = new CaseloadBuilder();
        foreach (var person in people) person.AddTo(builder);
        return builder.Build();
    }

    // Line 1 is the header.
    private static int NextLine(int count) => count + 2;
}

/// <summary>A built person with their records, screenable on its own without a caseload.</summary>
public sealed record TestCase(
    Person Person,
    Registration[] Registrations,
    Assessment[] Assessments,
    Sentence[] Sentences,
    OpdScreening[] OpdScreenings)
{
    /// <summary>Rows of this person's record files that were rejected.</summary>
    public RejectedRecord[] Rejected { get; init; } = [];

    public CaseRecords Records => new(Registrations, Assessments, Sentences, OpdScreenings, Rejected);

    public PersonOutcome Screen(Definition? definition = null, DateOnly? asOf = null) =>
        new Screener(definition ?? TestDefinitions.Pilot(), asOf ?? TestDates.AsOf).Evaluate(Records);

    public IReadOnlyList<CriterionExplanation> Explain(Definition? definition = null, DateOnly? asOf = null) =>
        Explainer.Explain(new Screener(definition ?? TestDefinitions.Pilot(), asOf ?? TestDates.AsOf), Records);

    public CaseloadBuilder AddTo(CaseloadBuilder caseload)
    {
        caseload.AddPerson(Person);
        foreach (var r in Registrations) caseload.Add(Person.Crn, r);
        foreach (var a in Assessments) caseload.Add(Person.Crn, a);
        foreach (var s in Sentences) caseload.Add(Person.Crn, s);
        foreach (var o in OpdScreenings) caseload.Add(Person.Crn, o);
        foreach (var x in Rejected) caseload.Add(Person.Crn, x);
        return caseload;
    }
}
