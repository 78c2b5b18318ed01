using ComplexCases.Extracts.Reading;
using ComplexCases.TestSupport.Extracts;

namespace ComplexCases.Extracts.Tests.Reading;

internal static class ReadHelpers
{
    /// <summary>Builds and reads the extract, which must succeed.</summary>
    public static ExtractReadResult ReadOk(this ExtractFolderBuilder extract)
    {
        var outcome = ExtractReader.Read(extract.Build());
        outcome.Succeeded.ShouldBeTrue(outcome.Error?.Message);
        return outcome.Result;
    }

    /// <summary>Builds and reads the extract, which must fail.</summary>
    public static ExtractError ReadFails(this ExtractFolderBuilder extract)
    {
        var outcome = ExtractReader.Read(extract.Build());
        outcome.Succeeded.ShouldBeFalse();
        outcome.Result.ShouldBeNull();
        return outcome.Error;
    }

    public static Rejection ShouldHaveOneRejection(this ExtractReadResult result)
    {
        result.Rejections.Count.ShouldBe(1, string.Join("; ", result.Rejections));
        return result.Rejections[0];
    }

    public static void ShouldBe(this Rejection rejection, string file, int line, string column, RejectionReason reason, string value)
    {
        rejection.ShouldSatisfyAllConditions(
            () => rejection.File.ShouldBe(file),
            () => rejection.Line.ShouldBe(line),
            () => rejection.Column.ShouldBe(column),
            () => rejection.Reason.ShouldBe(reason),
            () => rejection.Value.ShouldBe(value));
    }
}
