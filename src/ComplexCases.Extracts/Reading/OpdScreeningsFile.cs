using System.Runtime.CompilerServices;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Screening;
using nietras.SeparatedValues;

namespace ComplexCases.Extracts.Reading;

/// <summary>opd_screenings.csv: OPD pathway screenings, many per person; no key.</summary>
internal sealed class OpdScreeningsFile() : RecordFile<OpdScreening>(ExtractFiles.OpdScreenings, Spec)
{
    private const int CrnField = 0, ScreenedOn = 1, Result = 2, Override = 3;

    private static readonly ColumnSpec[] Spec =
    [
        new("crn", true, MaskKind.Crn),
        new("screened_on", true),
        new("result", true),
        new("override", false),
    ];

    protected override int LineOf(in OpdScreening record) => record.Line;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void ReadRow(SepReader.Row row, int line)
    {
        Crn crn = default;
        DateOnly screenedOn = default;
        OpdResult result = default;
        var overridden = Flag.Unknown;
        foreach (var field in FieldsInHeaderOrder)
        {
            var cell = Cell(row, field);
            switch (field)
            {
                case CrnField:
                    if (!ReadCrn(cell, line, field, out crn)) return;
                    break;
                case ScreenedOn:
                    if (!ReadDate(cell, line, field, out screenedOn)) return;
                    break;
                case Result:
                    if (!Required(cell, line, field)) return;
                    if (!Cells.TryParseOpdResult(cell, out result)) { Malformed(cell, line, field, "SCREENED_IN or SCREENED_OUT"); return; }
                    break;
                case Override:
                    if (!ReadFlag(cell, line, field, out overridden)) return;
                    break;
                default: break;
            }
        }
        Accept(crn, new OpdScreening(screenedOn, result, overridden, line));
    }
}
