using System.Runtime.CompilerServices;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Screening;
using nietras.SeparatedValues;

namespace ComplexCases.Extracts.Reading;

/// <summary>assessments.csv: completed OASys assessments, many per person; key <c>assessment_id</c> (as written, case kept).</summary>
internal sealed class AssessmentsFile() : RecordFile<Assessment>(ExtractFiles.Assessments, Spec)
{
    private const int CrnField = 0, AssessmentId = 1, CompletedOn = 2, RoshOverall = 3, AlcoholNeed = 4, DrugNeed = 5, AlcoholScore = 6,
        DrugScore = 7, LearningDifficulties = 8, MentalHealthConcerns = 9, SelfHarmConcerns = 10;

    private static readonly ColumnSpec[] Spec =
    [
        new("crn", true, MaskKind.Crn),
        new("assessment_id", true),
        new("completed_on", true),
        new("rosh_overall", false),
        new("alcohol_need", false),
        new("drug_need", false),
        new("alcohol_score", false),
        new("drug_score", false),
        new("learning_difficulties", false),
        new("mental_health_concerns", false),
        new("self_harm_concerns", false),
    ];

    protected override int LineOf(in Assessment record) => record.Line;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void ReadRow(SepReader.Row row, int line)
    {
        Crn crn = default;
        string? id = null;
        DateOnly completedOn = default;
        RoshLevel? rosh = null;
        Flag alcoholNeed = Flag.Unknown, drugNeed = Flag.Unknown, learning = Flag.Unknown, mentalHealth = Flag.Unknown, selfHarm = Flag.Unknown;
        int? alcoholScore = null, drugScore = null;
        foreach (var field in FieldsInHeaderOrder)
        {
            var cell = Cell(row, field);
            switch (field)
            {
                case CrnField:
                    if (!ReadCrn(cell, line, field, out crn)) return;
                    break;
                case AssessmentId:
                    if (!Required(cell, line, field)) return;
                    id = cell.ToString();
                    break;
                case CompletedOn:
                    if (!ReadDate(cell, line, field, out completedOn)) return;
                    break;
                case RoshOverall:
                    if (!cell.IsEmpty)
                    {
                        if (!Cells.TryParseRosh(cell, out var level)) { Malformed(cell, line, field, "LOW, MEDIUM, HIGH, VERY_HIGH or empty"); return; }
                        rosh = level;
                    }
                    break;
                case AlcoholNeed:
                    if (!ReadFlag(cell, line, field, out alcoholNeed)) return;
                    break;
                case DrugNeed:
                    if (!ReadFlag(cell, line, field, out drugNeed)) return;
                    break;
                case AlcoholScore:
                    if (!ReadScore(cell, line, field, out alcoholScore)) return;
                    break;
                case DrugScore:
                    if (!ReadScore(cell, line, field, out drugScore)) return;
                    break;
                case LearningDifficulties:
                    if (!ReadFlag(cell, line, field, out learning)) return;
                    break;
                case MentalHealthConcerns:
                    if (!ReadFlag(cell, line, field, out mentalHealth)) return;
                    break;
                case SelfHarmConcerns:
                    if (!ReadFlag(cell, line, field, out selfHarm)) return;
                    break;
                default: break;
            }
        }
        Accept(crn, new Assessment(id!, completedOn, line)
        {
            RoshOverall = rosh,
            AlcoholNeed = alcoholNeed,
            DrugNeed = drugNeed,
            AlcoholScore = alcoholScore,
            DrugScore = drugScore,
            LearningDifficulties = learning,
            MentalHealthConcerns = mentalHealth,
            SelfHarmConcerns = selfHarm,
        });
    }

    protected override void RejectDuplicatesAcrossPeople(int[] owners)
    {
        foreach (var group in DuplicateKeys.Find(owners.Length, i => owners[i] >= 0, i => Record(i).AssessmentId))
        {
            var lines = DuplicateKeys.DescribeLines(group, i => Record(i).Line);
            foreach (var i in group)
            {
                ref var assessment = ref Record(i);
                var id = Masking.Show(assessment.AssessmentId, MaskKind.None);
                Reject(new Rejection(FileName, assessment.Line, "assessment_id", RejectionReason.DuplicateKey,
                    $"assessment_id {id} appears on {group.Count} rows ({lines})", id, Names: CrnOf(i)));
                owners[i] = -1;
            }
        }
    }
}
