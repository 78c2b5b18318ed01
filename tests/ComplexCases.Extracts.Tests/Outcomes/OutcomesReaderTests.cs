using System.Text;
using ComplexCases.Domain.Evaluation;
using ComplexCases.Domain.People;
using ComplexCases.Extracts.Outcomes;
using ComplexCases.Extracts.Reading;

namespace ComplexCases.Extracts.Tests.Outcomes;

public sealed class OutcomesReaderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "complexcases-outcomes-" + Guid.NewGuid().ToString("N"));

    public OutcomesReaderTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string text, Encoding? encoding = null)
    {
        var path = Path.Combine(_folder, "outcomes.csv");
        File.WriteAllText(path, text, encoding ?? new UTF8Encoding(false));
        return path;
    }

    [Fact]
    public void Read_HeaderInAnyCaseAndOrder_TypesInAnyCase_AllAccepted()
    {
        var (result, error) = OutcomesReader.Read(Write(" Type ,OCCURRED_ON, crn \nrecall,2024-03-01,E000001\nSfo,2024-04-01,E000002\n\"FURTHER_OFFENCE\",2024-05-01,Z999999\n"));

        error.ShouldBeNull();
        result!.RowsRead.ShouldBe(3);
        result.RowsRejected.ShouldBe(0);
        result.Outcomes.ShouldBe([
            new OutcomeRecord(Crn.Parse("E000001"), new DateOnly(2024, 3, 1), OutcomeType.Recall),
            new OutcomeRecord(Crn.Parse("E000002"), new DateOnly(2024, 4, 1), OutcomeType.Sfo),
            // A CRN nobody was screened under is accepted: it may be screened in a month not stored.
            new OutcomeRecord(Crn.Parse("Z999999"), new DateOnly(2024, 5, 1), OutcomeType.FurtherOffence),
        ]);
    }

    [Fact]
    public void Read_BadRows_EachRejectedWithLineColumnAndReason_TheRestKept()
    {
        var (result, _) = OutcomesReader.Read(Write(
            "crn,occurred_on,type\nE000001,2024-03-01,RECALL\nE00001,2024-03-01,RECALL\nE000001,2024-02-30,BREACH\nE000001,2024-03-01,PAROLE\nE000001,,DEATH\nE000001,2024-03-01\n"));

        result!.RowsRead.ShouldBe(6);
        result.RowsAccepted.ShouldBe(1);
        result.Rejections.Select(r => (r.Line, r.Column, r.Reason)).ShouldBe([
            (3, "crn", RejectionReason.MalformedValue),
            (4, "occurred_on", RejectionReason.MalformedValue),
            (5, "type", RejectionReason.MalformedValue),
            (6, "occurred_on", RejectionReason.MissingRequiredValue),
            (7, "", RejectionReason.WrongNumberOfFields),
        ]);
        result.Rejections[0].Value.ShouldBe("E00****", "a CRN is personal: masked in reports");
        result.Rejections.ShouldAllBe(r => r.File == "outcomes.csv");
    }

    [Fact]
    public void Read_ExactDuplicates_CountOnce()
    {
        var (result, _) = OutcomesReader.Read(Write("crn,occurred_on,type\nE000001,2024-03-01,RECALL\nE000001,2024-03-01,recall\nE000001,2024-03-01,RECALL\nE000001,2024-03-01,BREACH\n"));

        result!.RowsAccepted.ShouldBe(4);
        result.Duplicates.ShouldBe(2);
        result.Outcomes.Count.ShouldBe(2);
    }

    [Fact]
    public void Read_RequiredColumnMissing_WholeFileRefused()
    {
        var (result, error) = OutcomesReader.Read(Write("crn,type\nE000001,RECALL\n"));

        result.ShouldBeNull();
        error!.Message.ShouldBe("outcomes.csv: required column 'occurred_on' is missing");
    }

    [Fact]
    public void Read_Utf16_Refused()
    {
        var (result, error) = OutcomesReader.Read(Write("crn,occurred_on,type\nE000001,2024-03-01,RECALL\n", Encoding.Unicode));

        result.ShouldBeNull();
        error!.Message.ShouldContain("not UTF-8");
    }

    [Fact]
    public void Read_NoFile_Refused()
    {
        var (_, error) = OutcomesReader.Read(Path.Combine(_folder, "absent.csv"));

        error!.Message.ShouldContain("not found");
    }
}
