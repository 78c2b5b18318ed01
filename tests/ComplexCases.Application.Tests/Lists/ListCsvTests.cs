using System.Text;
using ComplexCases.Application.Lists;

namespace ComplexCases.Application.Tests.Lists;

/// <summary>The list CSV: the run's files keep values exactly; a download for spreadsheets never carries a formula.</summary>
public sealed class ListCsvTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://example.test\")", "'=HYPERLINK(\"http://example.test\")")]
    [InlineData("+1", "'+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tTab", "'\tTab")]
    [InlineData("Smith-Jones", "Smith-Jones")]
    [InlineData("O'Neill", "O'Neill")]
    [InlineData("", "")]
    public void AsText_FormulaLikeValuesOnly_GetALeadingApostrophe(string value, string expected) =>
        ListCsv.AsText(value).ShouldBe(expected);

    [Fact]
    public void WriteForSpreadsheets_NamesAndStaff_AreNeutralised_WhileWriteKeepsThemExactly()
    {
        var row = new ListCsvRow("E000001", "=cmd", "@Surname", "+Team", "-Practitioner", "=Spo", "complex", 7, "rosh", "", "new", 1);

        var forSpreadsheets = Csv(s => ListCsv.WriteForSpreadsheets(s, [row]));
        var exact = Csv(s => ListCsv.Write(s, [row]));

        forSpreadsheets.ShouldContain("E000001,'=cmd,'@Surname,'+Team,'-Practitioner,'=Spo,complex,7,rosh,,new,1");
        exact.ShouldContain("E000001,=cmd,@Surname,+Team,-Practitioner,=Spo,complex,7,rosh,,new,1");
    }

    [Fact]
    public void WriteForSpreadsheets_StartsWithTheUtf8ByteOrderMark_SoExcelReadsAccents_WhileWriteHasNone()
    {
        var row = new ListCsvRow("E000001", "Oisín", "Ní Bhriain", "Team", "Practitioner", "Spo", "complex", 7, "rosh", "", "new", 1);

        var forSpreadsheets = Bytes(s => ListCsv.WriteForSpreadsheets(s, [row]));
        var exact = Bytes(s => ListCsv.Write(s, [row]));

        forSpreadsheets[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        exact[..3].ShouldNotBe(new byte[] { 0xEF, 0xBB, 0xBF });
        new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetString(forSpreadsheets[3..]).ShouldContain("Oisín,Ní Bhriain");
    }

    private static byte[] Bytes(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return stream.ToArray();
    }

    private static string Csv(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
