using System.Runtime.CompilerServices;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Screening;
using nietras.SeparatedValues;

namespace ComplexCases.Extracts.Reading;

/// <summary>sentences.csv: sentences (events), many per person; key (<c>crn</c>, <c>event_number</c>).</summary>
internal sealed class SentencesFile() : RecordFile<Sentence>(ExtractFiles.Sentences, Spec)
{
    private const int CrnField = 0, EventNumber = 1, SentenceType = 2, SentenceDescription = 3, SentencedOn = 4, TerminatedOn = 5;

    private static readonly ColumnSpec[] Spec =
    [
        new("crn", true, MaskKind.Crn),
        new("event_number", true),
        new("sentence_type", true),
        new("sentence_description", false),
        new("sentenced_on", true),
        new("terminated_on", false),
    ];

    protected override int LineOf(in Sentence record) => record.Line;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void ReadRow(SepReader.Row row, int line)
    {
        Crn crn = default;
        string? eventNumber = null, type = null;
        DateOnly sentencedOn = default;
        DateOnly? terminatedOn = null;
        foreach (var field in FieldsInHeaderOrder)
        {
            var cell = Cell(row, field);
            switch (field)
            {
                case CrnField:
                    if (!ReadCrn(cell, line, field, out crn)) return;
                    break;
                case EventNumber:
                    if (!Required(cell, line, field)) return;
                    eventNumber = Text(cell, field);
                    break;
                case SentenceType:
                    if (!Required(cell, line, field)) return;
                    if (!Cells.TryParseSentenceType(cell, out type)) { Malformed(cell, line, field, "IPP, DPP, LIFE, EDS, SDS, SOPC, CO, SSO or OTHER"); return; }
                    break;
                case SentencedOn:
                    if (!ReadDate(cell, line, field, out sentencedOn)) return;
                    break;
                case TerminatedOn:
                    if (!ReadOptionalDate(cell, line, field, out terminatedOn)) return;
                    break;
                case SentenceDescription:
                default:
                    break;
            }
        }
        if (!DateOrder(sentencedOn, terminatedOn, line, SentencedOn, TerminatedOn)) return;
        Accept(crn, new Sentence(eventNumber!, type!, sentencedOn, terminatedOn, line));
    }

    /// <remarks>
    /// Records are grouped by person by now, so (crn, event_number) is checked within each person's
    /// rows: pairwise for the usual handful, through a dictionary for a person with many.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override bool[]? FindDuplicatesWithinPeople(Sentence[] items, int[] starts, PeopleIndex people)
    {
        const int PairwiseUpTo = 16;
        bool[]? rejected = null;
        for (var p = 0; p < starts.Length - 1; p++)
        {
            int from = starts[p], end = starts[p + 1];
            if (end - from < 2) continue;
            if (end - from <= PairwiseUpTo)
            {
                for (var i = from; i < end - 1; i++)
                {
                    if (rejected?[i] == true) continue;
                    List<int>? group = null;
                    for (var j = i + 1; j < end; j++)
                    {
                        if (string.Equals(items[i].EventNumber, items[j].EventNumber, StringComparison.Ordinal)) (group ??= [i]).Add(j);
                    }
                    if (group is not null) RejectGroup(group, items, people.People[p].Crn, ref rejected);
                }
            }
            else
            {
                var groups = DuplicateKeys.Find(end - from, static _ => true, i => items[from + i].EventNumber);
                foreach (var group in groups) RejectGroup(group.ConvertAll(i => from + i), items, people.People[p].Crn, ref rejected);
            }
        }
        return rejected;
    }

    private void RejectGroup(List<int> group, Sentence[] items, Crn owner, ref bool[]? rejected)
    {
        rejected ??= new bool[items.Length];
        var lines = DuplicateKeys.DescribeLines(group, g => items[g].Line);
        var crn = Masking.Crn(owner);
        var number = Masking.Show(items[group[0]].EventNumber, MaskKind.None);
        foreach (var g in group)
        {
            rejected[g] = true;
            Reject(new Rejection(FileName, items[g].Line, "event_number", RejectionReason.DuplicateKey,
                $"event_number {number} of {crn} appears on {group.Count} rows ({lines})", number, Names: owner));
        }
    }
}
