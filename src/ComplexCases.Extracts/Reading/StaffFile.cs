using System.Runtime.CompilerServices;
using ComplexCases.Domain.People;
using nietras.SeparatedValues;

namespace ComplexCases.Extracts.Reading;

/// <summary>staff.csv: the staff directory; key <c>staff_code</c>. Codes are held upper-case, like every code.</summary>
internal sealed class StaffFile() : ExtractFile(ExtractFiles.Staff, Spec)
{
    private const int StaffCode = 0, Forename = 1, Surname = 2, Email = 3, Grade = 4, TeamCode = 5, PduCode = 6, ManagerCode = 7;

    private static readonly ColumnSpec[] Spec =
    [
        new("staff_code", true),
        new("forename", true, MaskKind.Name),
        new("surname", true, MaskKind.Name),
        new("email", false, MaskKind.Email),
        new("grade", false),
        new("team_code", false),
        new("pdu_code", false),
        new("manager_code", false),
    ];

    private readonly ChunkedList<StaffMember> _rows = new();
    private int _accepted;

    public override int RowsAccepted => _accepted;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void ReadRow(SepReader.Row row, int line)
    {
        string? code = null, forename = null, surname = null, email = null, grade = null, team = null, pdu = null, manager = null;
        foreach (var field in FieldsInHeaderOrder)
        {
            var cell = Cell(row, field);
            switch (field)
            {
                case StaffCode:
                    if (!Required(cell, line, field)) return;
                    code = Code(cell, field);
                    break;
                case Forename:
                    if (!Required(cell, line, field)) return;
                    forename = Text(cell, field);
                    break;
                case Surname:
                    if (!Required(cell, line, field)) return;
                    surname = Text(cell, field);
                    break;
                case Email: email = cell.IsEmpty ? null : cell.ToString(); break;
                case Grade: grade = cell.IsEmpty ? null : Cells.KnownGrade(cell) ?? Text(cell, field); break;
                case TeamCode: team = Code(cell, field); break;
                case PduCode: pdu = Code(cell, field); break;
                case ManagerCode: manager = Code(cell, field); break;
                default: break;
            }
        }
        _rows.Add(new StaffMember(code!, forename!, surname!, line)
        {
            Email = email,
            Grade = grade,
            TeamCode = team,
            PduCode = pdu,
            ManagerCode = manager,
        });
    }

    /// <summary>Rejects every row of a staff code that appears more than once; the rest make the directory.</summary>
    public void Assemble()
    {
        var duplicates = DuplicateKeys.Find(_rows.Count, static _ => true, i => _rows[i].StaffCode);
        var rejected = new bool[_rows.Count];
        foreach (var group in duplicates)
        {
            var lines = DuplicateKeys.DescribeLines(group, i => _rows[i].Line);
            foreach (var i in group)
            {
                rejected[i] = true;
                var member = _rows[i];
                Reject(new Rejection(FileName, member.Line, "staff_code", RejectionReason.DuplicateKey,
                    $"staff_code {member.StaffCode} appears on {group.Count} rows ({lines})", Masking.Show(member.StaffCode, MaskKind.None)));
            }
        }
        var staff = new Dictionary<string, StaffMember>(_rows.Count, StringComparer.Ordinal);
        for (var i = 0; i < _rows.Count; i++)
        {
            if (!rejected[i]) staff.Add(_rows[i].StaffCode, _rows[i]);
        }
        _rows.Clear();
        _accepted = staff.Count;
        SortRejections();
        Directory = staff;
    }

    /// <summary>The accepted staff by code, once <see cref="Assemble"/> has run.</summary>
    public Dictionary<string, StaffMember> Directory { get; private set; } = new(StringComparer.Ordinal);
}
