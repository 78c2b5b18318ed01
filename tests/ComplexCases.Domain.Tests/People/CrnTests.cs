using ComplexCases.Domain.People;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ComplexCases.Domain.Tests.People;

public class CrnTests
{
    private static readonly Gen<string> CrnText =
        from letter in Gen.Choose('A', 'Z')
        from digits in Gen.Choose(0, 999_999)
        select $"{(char)letter}{digits:D6}";

    [Theory]
    [InlineData("E123456")]
    [InlineData("A000000")]
    [InlineData("Z999999")]
    public void TryParse_ValidForm_RoundTripsThroughToString(string text)
    {
        Crn.TryParse(text, out var crn).ShouldBeTrue();

        crn.ToString().ShouldBe(text);
        Crn.Parse(text).ShouldBe(crn);
    }

    [Theory]
    [InlineData("")]
    [InlineData("e123456")]
    [InlineData("E12345")]
    [InlineData("E1234567")]
    [InlineData("EE12345")]
    [InlineData("E12345X")]
    [InlineData(" E123456")]
    [InlineData("E123456 ")]
    [InlineData("1234567")]
    [InlineData("É123456")]
    [InlineData("E١٢٣٤٥٦")] // Arabic-Indic digits are digits to char.IsDigit, not to a CRN
    public void TryParse_InvalidForm_False(string text)
    {
        Crn.TryParse(text, out var crn).ShouldBeFalse();
        crn.ShouldBe(default);
    }

    // The hosts parse a CRN from a request once and rely on this: what parses is the canonical text, so no caller compares the
    // text with parsed.ToString() again.
    [Property]
    public Property TryParse_AnyText_AcceptsOnlyWhatToStringWrites() =>
        Prop.ForAll(Gen.OneOf(CrnText, ArbMap.Default.GeneratorFor<string>(), CrnText.Select(t => t.ToLowerInvariant())).ToArbitrary(),
            text => !Crn.TryParse(text, out var crn) || crn.ToString() == text);

    [Fact]
    public void TryParse_Null_False()
    {
        Crn.TryParse((string?)null, out _).ShouldBeFalse();
    }

    [Fact]
    public void Parse_InvalidForm_ThrowsFormatExceptionNamingValue()
    {
        Should.Throw<FormatException>(() => Crn.Parse("X12")).Message.ShouldContain("'X12'");
    }

    [Fact]
    public void Value_PackedAsLetterIndexAndDigits()
    {
        Crn.Parse("C000042").Value.ShouldBe(2_000_042);
    }

    [Fact]
    public void FromValue_OutOfRange_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Crn.FromValue(-1));
        Should.Throw<ArgumentOutOfRangeException>(() => Crn.FromValue(26_000_000));
    }

    [Property]
    public Property FromValue_ValueOfParsed_RoundTrips() =>
        Prop.ForAll(CrnText.ToArbitrary(), text =>
        {
            var crn = Crn.Parse(text);
            return Crn.FromValue(crn.Value) == crn && Crn.FromValue(crn.Value).ToString() == text;
        });

    [Property]
    public Property CompareTo_AnyTwo_MatchesOrdinalStringOrder() =>
        Prop.ForAll(CrnText.ToArbitrary(), CrnText.ToArbitrary(), (a, b) =>
        {
            var (x, y) = (Crn.Parse(a), Crn.Parse(b));
            var expected = Math.Sign(string.CompareOrdinal(a, b));
            return Math.Sign(x.CompareTo(y)) == expected
                && (x < y) == (expected < 0) && (x > y) == (expected > 0)
                && (x <= y) == (expected <= 0) && (x >= y) == (expected >= 0)
                && (x == y) == (expected == 0);
        });

    [Fact]
    public void CompareTo_AcrossLetterBoundary_LetterFirst()
    {
        Crn.Parse("A999999").ShouldBeLessThan(Crn.Parse("B000000"));
    }
}
