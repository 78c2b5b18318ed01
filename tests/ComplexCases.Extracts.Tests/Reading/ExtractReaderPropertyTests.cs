using System.Text;
using ComplexCases.Extracts.Reading;
using ComplexCases.TestSupport.Extracts;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static ComplexCases.TestSupport.Extracts.ExtractFolderBuilder;

namespace ComplexCases.Extracts.Tests.Reading;

public class ExtractReaderPropertyTests
{
    /// <summary>The rows of each file (cells in the order of <see cref="Headers"/>).</summary>
    public sealed record ExtractRows(IReadOnlyDictionary<string, string[][]> Files);

    private static readonly Dictionary<string, string[]> Headers = new()
    {
        [People] = ["crn", "forename", "pdu_code", "region_code", "lao", "date_of_birth"],
        [Staff] = ["staff_code", "forename", "surname", "manager_code"],
        [Registrations] = ["crn", "register_code", "level_code", "registered_on", "deregistered_on"],
        [Assessments] = ["crn", "assessment_id", "completed_on", "rosh_overall", "alcohol_need", "alcohol_score"],
        [Sentences] = ["crn", "event_number", "sentence_type", "sentenced_on", "terminated_on"],
        [OpdScreenings] = ["crn", "screened_on", "result", "override"],
    };

    private static Gen<string> Pick(params string[] values) => Gen.Elements(values);

    // Small pools, so that duplicate keys, orphans and bad values all turn up often.
    private static readonly Gen<string> Crn = Gen.Frequency((6, Pick("E000001", "E000002", "E000003", "A000004", "Z999999")), (1, Pick("", "e000001", "E00001")));
    private static readonly Gen<string> Date = Gen.Frequency((6, Pick("2020-01-01", "2023-06-30", "2024-02-29")), (1, Pick("", "2023-02-29", "01/02/2024")));
    private static readonly Gen<string> Flag = Pick("Y", "n", "TRUE", "0", "", "maybe");
    private static readonly Gen<string> Name = Pick("Zoë", "Siân", "O'Brien", "Smith, Jr", "Say \"hi\"", "two\nlines", "");

    private static readonly Dictionary<string, Gen<string>[]> Cells = new()
    {
        [People] = [Crn, Name, Pick("EOENFK", "eoenfk", ""), Pick("N07", ""), Flag, Date],
        [Staff] = [Pick("S1", "S2", "s1", "S3", ""), Name, Name, Pick("S1", "S9", "")],
        [Registrations] = [Crn, Pick("RHRH", "rhrh", "MAPP", ""), Pick("M2", "m3", ""), Date, Date],
        [Assessments] = [Crn, Pick("A1", "A2", "A3", "a1", ""), Date, Pick("LOW", "very_high", "", "BAD"), Flag, Pick("0", "4", "", "-1")],
        [Sentences] = [Crn, Pick("1", "2", "3", ""), Pick("IPP", "sds", "ASBO", ""), Date, Date],
        [OpdScreenings] = [Crn, Date, Pick("SCREENED_IN", "screened_out", "X", ""), Flag],
    };

    private static Gen<string[][]> Rows(string file) => Gen.CollectToArray(Cells[file]).ArrayOf();

    private static readonly Gen<ExtractRows> Extracts =
        Gen.CollectToArray(ExtractFiles.All, Rows)
            .Select(files => new ExtractRows(ExtractFiles.All.Zip(files).ToDictionary(p => p.First, p => p.Second)));

    private static readonly Gen<(ExtractRows Original, ExtractRows Shuffled)> ShuffledExtracts =
        from original in Extracts
        from shuffled in Gen.CollectToArray(ExtractFiles.All, file => Gen.Shuffle(original.Files[file]))
        select (original, new ExtractRows(ExtractFiles.All.Zip(shuffled).ToDictionary(p => p.First, p => p.Second)));

    [Property(MaxTest = 60)]
    public Property Read_DataRowsOfEveryFileShuffled_SameCaseloadAndRejections() =>
        Prop.ForAll(ShuffledExtracts.ToArbitrary(), pair =>
        {
            using var original = Write(pair.Original);
            using var shuffled = Write(pair.Shuffled);

            var expected = Canonical(original.ReadOk());
            var actual = Canonical(shuffled.ReadOk());

            actual.ShouldBe(expected);
        });

    /// <summary>Cells that upset CSV (quotes, separators, line breaks), FsCheck's arbitrary strings, and good values.</summary>
    private static readonly Gen<string> GarbageCell = Gen.Frequency(
        (4, Pick("", "\"", "\"\"", ",", "\n", "\r\n", "a\"b", "\"x\"y", " ", "Zoë", "E000001", "2024-01-01", "Y", "RHRH", "SCREENED_IN", "A1", "IPP")),
        (1, ArbMap.Default.GeneratorFor<string>().Select(s => s ?? "")));

    private static readonly Gen<string> GarbageBody =
        GarbageCell.ListOf().Select(cells => string.Join(',', cells)).ListOf().Select(lines => string.Join('\n', lines));

    [Property(MaxTest = 80)]
    public Property Read_ArbitraryRows_EveryRowAcceptedOrRejected() =>
        Prop.ForAll(Gen.CollectToArray(ExtractFiles.All, _ => GarbageBody).ToArbitrary(), bodies =>
        {
            using var extract = new ExtractFolderBuilder();
            foreach (var (file, body) in ExtractFiles.All.Zip(bodies))
            {
                extract.WithRawFile(file, string.Join(',', ContractColumns[file]) + "\n" + body);
            }

            var result = extract.ReadOk();

            foreach (var file in result.Files)
            {
                file.RowsRead.ShouldBe(file.RowsAccepted + file.RowsRejected, file.FileName);
                result.Rejections.Count(r => r.File == file.FileName).ShouldBe(file.RowsRejected, file.FileName);
            }
            result.Caseload.Count.ShouldBe(result.File(People).RowsAccepted);
            result.Caseload.Staff.Count.ShouldBe(result.File(Staff).RowsAccepted);
            result.Caseload.RecordCount.ShouldBe(result.Files.Skip(2).Sum(f => f.RowsAccepted));
            result.Rejections.ShouldAllBe(r => r.Value.Length <= 50);
        });

    private static ExtractFolderBuilder Write(ExtractRows rows)
    {
        var extract = new ExtractFolderBuilder();
        foreach (var (file, fileRows) in rows.Files)
        {
            var text = new StringBuilder(string.Join(',', Headers[file])).Append('\n');
            foreach (var row in fileRows) text.Append(string.Join(',', row.Select(Escape))).Append('\n');
            extract.WithRawFile(file, text.ToString());
        }
        return extract;
    }

    /// <summary>Everything the read produced, minus line numbers, with records in a fixed order.</summary>
    private static string Canonical(ExtractReadResult result)
    {
        var text = new StringBuilder();
        var caseload = result.Caseload;
        for (var i = 0; i < caseload.Count; i++)
        {
            text.AppendLine((caseload[i] with { Line = 0 }).ToString());
            var records = caseload.RecordsOf(i);
            var lines = new List<string>();
            foreach (var r in records.Registrations) lines.Add((r with { Line = 0 }).ToString());
            foreach (var a in records.Assessments) lines.Add((a with { Line = 0 }).ToString());
            foreach (var s in records.Sentences) lines.Add((s with { Line = 0 }).ToString());
            foreach (var o in records.OpdScreenings) lines.Add((o with { Line = 0 }).ToString());
            lines.Sort(StringComparer.Ordinal);
            foreach (var line in lines) text.Append("  ").AppendLine(line);
        }
        foreach (var member in caseload.Staff.Values.OrderBy(s => s.StaffCode, StringComparer.Ordinal)) text.AppendLine((member with { Line = 0 }).ToString());
        foreach (var file in result.Files) text.AppendLine(file.ToString());
        foreach (var r in result.Rejections.Select(r => $"{r.File} {r.Column} {r.Reason} {r.Value}").Order(StringComparer.Ordinal)) text.AppendLine(r);
        foreach (var w in result.Warnings.Select(w => w.ToString()).Order(StringComparer.Ordinal)) text.AppendLine(w);
        return text.ToString();
    }
}
