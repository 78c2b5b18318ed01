using System.Runtime.CompilerServices;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Screening;
using nietras.SeparatedValues;

namespace ComplexCases.Extracts.Reading;

/// <summary>registrations.csv: nDelius registers, many per person; no key.</summary>
internal sealed class RegistrationsFile() : RecordFile<Registration>(ExtractFiles.Registrations, Spec)
{
    private const int CrnField = 0, RegisterCode = 1, RegisterDescription = 2, LevelCode = 3, CategoryCode = 4, RegisteredOn = 5, DeregisteredOn = 6;

    private static readonly ColumnSpec[] Spec =
    [
        new("crn", true, MaskKind.Crn),
        new("register_code", true),
        new("register_description", false),
        new("level_code", false),
        new("category_code", false),
        new("registered_on", true),
        new("deregistered_on", false),
    ];

    protected override int LineOf(in Registration record) => record.Line;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void ReadRow(SepReader.Row row, int line)
    {
        Crn crn = default;
        string? code = null, level = null;
        DateOnly registeredOn = default;
        DateOnly? deregisteredOn = null;
        foreach (var field in FieldsInHeaderOrder)
        {
            var cell = Cell(row, field);
            switch (field)
            {
                case CrnField:
                    if (!ReadCrn(cell, line, field, out crn)) return;
                    break;
                case RegisterCode:
                    if (!Required(cell, line, field)) return;
                    code = Code(cell, field);
                    break;
                case LevelCode: level = Code(cell, field); break;
                case RegisteredOn:
                    if (!ReadDate(cell, line, field, out registeredOn)) return;
                    break;
                case DeregisteredOn:
                    if (!ReadOptionalDate(cell, line, field, out deregisteredOn)) return;
                    break;
                case RegisterDescription or CategoryCode:
                default:
                    break;
            }
        }
        if (!DateOrder(registeredOn, deregisteredOn, line, RegisteredOn, DeregisteredOn)) return;
        Accept(crn, new Registration(code!, level, registeredOn, deregisteredOn, line));
    }
}
