using System.Text;
using ComplexCases.Extracts.Reading;
using ComplexCases.TestSupport.Extracts;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static ComplexCases.TestSupport.Extracts.ExtractFolderBuilder;

namespace ComplexCases.Extracts.Tests.Reading;

/// <summary>A correctly quoted cell (RFC 4180) reads back as exactly the value that was quoted: unquoted once, never twice.</summary>
public class QuotedValueRoundTripTests
{
    // Pieces that CSV quoting has to get right, and ordinary text between them.
    private static readonly Gen<string> Piece = Gen.Elements("\"", "\"\"", ",", "\n", "\r\n", "\r", " ", ">", "x", "Zoë", "😀", "\t", "'", "=", "a b");

    private static readonly Gen<string> Values = Gen.Frequency(
        (4, Piece.ArrayOf().Select(pieces => string.Concat(pieces))),
        (1, ArbMap.Default.GeneratorFor<string>().Select(s => s ?? "")
            // Text that UTF-8 can carry: a lone surrogate cannot be in a file at all.
            .Where(s => !s.EnumerateRunes().Any(r => r == Rune.ReplacementChar) && Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(s)) == s)));

    [Property(MaxTest = 200)]
    public Property Read_AnyValueCorrectlyQuoted_IsReadBackExactly() =>
        Prop.ForAll(Values.ToArbitrary(), value =>
        {
            var trimmed = value.Trim();
            using var extract = new ExtractFolderBuilder()
                .WithRawFile(People, $"crn,forename,region_code,pdu_code\nE000001,{Quote(value)},N07,EOENFK\n");

            var caseload = extract.ReadOk().Caseload;
            caseload.Count.ShouldBe(1);
            var person = caseload[0];

            // The contract trims leading and trailing spaces and reads an empty cell as no value; nothing else changes.
            person.Forename.ShouldBe(trimmed.Length == 0 ? null : trimmed);
        });

    [Theory]
    [InlineData("\"\"\">x\"", "\">x")]
    [InlineData("\"a \"\"b\"\" c\"", "a \"b\" c")]
    [InlineData("\"\"\"\"", "\"")]
    [InlineData(" \"Smith, Jr\" ", "Smith, Jr")]
    [InlineData("\"\"\"quoted\"\"\"", "\"quoted\"")]
    public void Read_QuotedCell_IsUnquotedOnce(string cell, string value)
    {
        using var extract = new ExtractFolderBuilder().WithRawFile(People, $"crn,forename,region_code,pdu_code\nE000001,{cell},N07,EOENFK\n");

        extract.ReadOk().Caseload[0].Forename.ShouldBe(value);
    }

    [Fact]
    public void Read_LineHoldingOnlyAnEmptyQuotedField_IsStillABlankLine()
    {
        using var extract = new ExtractFolderBuilder().WithRawFile(People, "crn,region_code,pdu_code\nE000001,N07,EOENFK\n\"\"\n");

        var result = extract.ReadOk();

        result.File(People).RowsRead.ShouldBe(1);
        result.Warnings.ShouldContain(w => w.Message == "1 blank line(s) ignored");
    }

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
