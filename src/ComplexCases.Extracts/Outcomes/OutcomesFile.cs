using ComplexCases.Domain.Evaluation;
using ComplexCases.Domain.People;
using ComplexCases.Extracts.Reading;
using nietras.SeparatedValues;

namespace ComplexCases.Extracts.Outcomes;

/// <summary>outcomes.csv (outcomes.md): one outcome per row; the same rules as an extract file.</summary>
internal sealed class OutcomesFile(string fileName) : ExtractFile(fileName, Spec, required: true)
{
    private const int CrnField = 0, OccurredOn = 1, Type = 2;

    private static readonly ColumnSpec[] Spec =
    [
        new("crn", true, MaskKind.Crn),
        new("occurred_on", true),
        new("type", true),
    ];

    private readonly List<OutcomeRecord> _records = [];

    public override int RowsAccepted => _records.Count;

    /// <summary>Accepted rows in file order, exact duplicates included.</summary>
    public IReadOnlyList<OutcomeRecord> Records => _records;

    protected override void ReadRow(SepReader.Row row, int line)
    {
        Crn crn = default;
        DateOnly occurredOn = default;
        OutcomeType type = default;
        foreach (var field in FieldsInHeaderOrder)
        {
            var cell = Cell(row, field);
            switch (field)
            {
                case CrnField:
                    if (!ReadCrn(cell, line, field, out crn)) return;
                    break;
                case OccurredOn:
                    if (!ReadDate(cell, line, field, out occurredOn)) return;
                    break;
                case Type:
                    if (!Required(cell, line, field)) return;
                    if (!OutcomeTypes.TryParse(cell, out type)) { Malformed(cell, line, field, "RECALL, BREACH, FURTHER_OFFENCE, SFO or DEATH"); return; }
                    break;
                default: break;
            }
        }
        _records.Add(new OutcomeRecord(crn, occurredOn, type));
    }
}
