using System.Globalization;
using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.People;

namespace ComplexCases.Domain.Screening;

/// <summary>The record that decided a criterion: which file and line, its key, its date and the value that counted.</summary>
/// <param name="Rejected">True when the record is a row the importer rejected (<see cref="Value"/> says why); absent otherwise.</param>
public sealed record Evidence(string File, int Line, string Key, DateOnly? Date, string Value, bool? Rejected = null);

/// <summary>One criterion's outcome for one person, explained in words a practitioner can check.</summary>
public sealed record CriterionExplanation(CriterionId Criterion, string Label, CriterionOutcome Outcome, string Reason, Evidence? Evidence);

/// <summary>Turns the screener's compact evidence references into explanations (only for the people who need them).</summary>
public static class Explainer
{
    public static IReadOnlyList<CriterionExplanation> Explain(Screener screener, CaseRecords records)
    {
        Span<EvidenceRef> refs = stackalloc EvidenceRef[CriterionIds.Count];
        var outcome = screener.Evaluate(records, refs);
        var lookBack = screener.Definition.AssessmentLookBackMonths;
        var result = new List<CriterionExplanation>(screener.Definition.Criteria.Length);
        // What the accepted records alone show, for a criterion a rejected row made unknown: said as well, when it
        // was already unknown (a stale assessment and a rejected one are two things to fix).
        Span<EvidenceRef> accepted = stackalloc EvidenceRef[CriterionIds.Count];
        var acceptedOutcome = records.Rejected.IsEmpty ? outcome : screener.Evaluate(records.WithoutRejected(), accepted);
        foreach (var rule in screener.Definition.Criteria)
        {
            var why = refs[(int)rule.Id];
            var evidence = ToEvidence(why, records);
            var reason = Reason(rule.Id, outcome[rule.Id], why, evidence, lookBack);
            if (why.Source == EvidenceSource.RejectedRow && acceptedOutcome[rule.Id] == CriterionOutcome.Unknown)
            {
                var before = accepted[(int)rule.Id];
                reason += "; also " + Reason(rule.Id, CriterionOutcome.Unknown, before, ToEvidence(before, records), lookBack);
            }
            result.Add(new CriterionExplanation(rule.Id, rule.Label, outcome[rule.Id], reason, evidence));
        }
        return result;
    }

    private static Evidence? ToEvidence(EvidenceRef why, CaseRecords records)
    {
        switch (why.Source)
        {
            case EvidenceSource.Registration:
                var r = records.Registrations[why.Index];
                return new Evidence("registrations.csv", r.Line, r.Code, r.RegisteredOn,
                    r.LevelCode is null ? r.Code : $"{r.Code} level {r.LevelCode}");
            case EvidenceSource.Assessment:
                var a = records.Assessments[why.Index];
                return new Evidence("assessments.csv", a.Line, a.AssessmentId, a.CompletedOn, "");
            case EvidenceSource.Sentence:
                var s = records.Sentences[why.Index];
                return new Evidence("sentences.csv", s.Line, s.EventNumber, s.SentencedOn, s.SentenceType);
            case EvidenceSource.OpdScreening:
                var o = records.OpdScreenings[why.Index];
                return new Evidence("opd_screenings.csv", o.Line, "", o.ScreenedOn,
                    o.Override == Flag.Yes ? $"{Text(o.Result)} (override)" : Text(o.Result));
            case EvidenceSource.RejectedRow:
                var x = records.Rejected[why.Index];
                return new Evidence(x.File, x.Line, "", null, x.Reason, Rejected: true);
            case EvidenceSource.None:
            default:
                return null;
        }
    }

    private static string Reason(CriterionId id, CriterionOutcome outcome, EvidenceRef why, Evidence? evidence, int lookBack)
    {
        var date = evidence?.Date is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";
        return why.Note switch
        {
            EvidenceNote.CurrentRegistration => $"current {evidence!.Value} registration since {date}",
            EvidenceNote.NoCurrentRecord => id switch
            {
                CriterionId.Mappa => "no current MAPPA registration at a qualifying level",
                CriterionId.Ipp => "no active IPP or DPP sentence",
                CriterionId.Opd => "no OPD screening on record",
                _ => "no current record",
            },
            EvidenceNote.NoAssessment => "no completed OASys assessment on or before the screening date",
            EvidenceNote.StaleAssessment => $"latest assessment {evidence!.Key} completed {date} is older than {lookBack} months",
            EvidenceNote.EmptyAnswer => $"assessment {evidence!.Key} ({date}) leaves {Answer(id)} empty",
            EvidenceNote.AnswerYes => $"assessment {evidence!.Key} ({date}): {Answer(id)} is a concern",
            EvidenceNote.AnswerNo => $"assessment {evidence!.Key} ({date}): {Answer(id)} is not a concern",
            EvidenceNote.ScoreMeetsThreshold => $"assessment {evidence!.Key} ({date}): need flag empty, score meets the threshold",
            EvidenceNote.LatestScreening => $"latest OPD screening on {date}: {evidence!.Value}",
            EvidenceNote.ActiveSentence => $"{evidence!.Value} sentence (event {evidence.Key}) active since {date}",
            EvidenceNote.RecordsIncomplete =>
                $"{evidence!.File} line {evidence.Line}, naming this person, was rejected ({evidence.Value}), so their {Records(evidence.File)} are incomplete",
            _ => outcome.ToString(),
        };
    }

    private static string Records(string file) => file switch
    {
        "registrations.csv" => "registrations",
        "assessments.csv" => "assessments",
        "sentences.csv" => "sentences",
        "opd_screenings.csv" => "OPD screenings",
        _ => "records",
    };

    private static string Answer(CriterionId id) => id switch
    {
        CriterionId.Rosh => "RoSH overall",
        CriterionId.MentalHealth => "mental health",
        CriterionId.SelfHarm => "self-harm/suicide",
        CriterionId.LearningDifficulties => "learning difficulties",
        CriterionId.Substance => "alcohol/drug need",
        _ => id.ToKey(),
    };

    private static string Text(OpdResult result) => result == OpdResult.ScreenedIn ? "SCREENED_IN" : "SCREENED_OUT";
}
