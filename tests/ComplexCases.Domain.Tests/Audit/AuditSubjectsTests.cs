using ComplexCases.Domain.Audit;
using ComplexCases.Domain.People;

namespace ComplexCases.Domain.Tests.Audit;

public class AuditSubjectsTests
{
    [Fact]
    public void Of_UnorderedWithRepeats_SortedWithoutRepeats()
    {
        var subjects = AuditSubjects.Of(Crn.Parse("E000002"), Crn.Parse("E000001"), Crn.Parse("E000002"));

        subjects.Count.ShouldBe(2);
        subjects.ToText().ShouldBe("E000001,E000002");
        subjects.Contains(Crn.Parse("E000002")).ShouldBeTrue();
        subjects.Contains(Crn.Parse("E000003")).ShouldBeFalse();
    }

    [Fact]
    public void Of_Digest_IsSha256OfSortedCrnLines()
    {
        // printf 'E000001\nE000002\n' | sha256sum
        AuditSubjects.Of(Crn.Parse("E000002"), Crn.Parse("E000001")).Sha256.ShouldBe("59c39974a56ff5cbab91939127aa6820a29ccb225633e3cea780447411110b7e");
    }

    [Fact]
    public void None_HasNoSubjectsAndTheEmptyDigest()
    {
        AuditSubjects.None.Count.ShouldBe(0);
        AuditSubjects.None.ToText().ShouldBe("");
        AuditSubjects.None.Sha256.ShouldBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    [Fact]
    public void Of_MoreThanTheInlineLimit_KeepsOnlyCountAndDigest()
    {
        var many = Enumerable.Range(0, AuditSubjects.InlineLimit + 1).Select(i => Crn.FromValue(4_000_000 + i)).ToArray();
        var reversed = many.Reverse().ToArray();

        var subjects = AuditSubjects.Of(many);

        subjects.IsDigestOnly.ShouldBeTrue();
        subjects.Crns.ShouldBeNull();
        subjects.ToText().ShouldBeNull();
        subjects.Count.ShouldBe(many.Length);
        subjects.Sha256.ShouldBe(AuditSubjects.Of(reversed).Sha256);
    }

    [Fact]
    public void Of_AtTheInlineLimit_KeepsTheList()
    {
        var subjects = AuditSubjects.Of(Enumerable.Range(0, AuditSubjects.InlineLimit).Select(i => Crn.FromValue(i)).ToArray());

        subjects.IsDigestOnly.ShouldBeFalse();
        subjects.Crns!.Count.ShouldBe(AuditSubjects.InlineLimit);
    }

    [Fact]
    public void Restore_StoredList_RoundTrips()
    {
        var subjects = AuditSubjects.Of(Crn.Parse("E000001"), Crn.Parse("N123456"));

        var restored = AuditSubjects.Restore(subjects.Count, subjects.Sha256, subjects.ToText());

        restored.Crns.ShouldBe(subjects.Crns);
    }

    [Theory]
    [InlineData("E000001,E000003", "the subject list does not match its digest")]
    [InlineData("E000002,E000001", "not in order")]
    [InlineData("E000001", "holds 1 CRNs but the count is 2")]
    [InlineData("E000001,nobody", "subject 2 is not a CRN")]
    public void Restore_ListAlteredInTheDatabase_Throws(string stored, string problem)
    {
        var subjects = AuditSubjects.Of(Crn.Parse("E000001"), Crn.Parse("E000002"));

        Should.Throw<FormatException>(() => AuditSubjects.Restore(2, subjects.Sha256, stored)).Message.ShouldContain(problem);
    }
}
