using ComplexCases.Application.Solutions;
using ComplexCases.Domain.People;

namespace ComplexCases.Application.Tests.Solutions;

public class FreeTextTests
{
    [Fact]
    public void Redact_TakesOutTheCrnAndEachNameAsWholeWordsInAnyCase()
    {
        var text = FreeText.Redact("Spoke to JOHN about e123456; Mr Smithson (Smithson's GP) agreed. Johnny is his brother.", Crn.Parse("E123456"), "John", "Smithson");

        text.ShouldBe("Spoke to [the person] about [CRN]; Mr [the person] ([the person]'s GP) agreed. Johnny is his brother.");
    }

    [Fact]
    public void Redact_LongerNameFirst_SoAPartOfItIsNotLeftBehind()
    {
        FreeText.Redact("Ann Annson", Crn.Parse("X000001"), "Ann", "Ann Annson").ShouldBe("[the person]");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("J")]
    public void Redact_MissingOrOneLetterName_IsNotUsed(string? name) =>
        FreeText.Redact("J met Jo", Crn.Parse("X000001"), name).ShouldBe("J met Jo");

    [Fact]
    public void Redact_NameWithRegexCharacters_IsMatchedLiterally() =>
        FreeText.Redact("O'Neil (a.k.a. O.N.) came", Crn.Parse("X000001"), "O'Neil", "O.N.").ShouldBe("[the person] (a.k.a. [the person]) came");
}
