using ComplexCases.Extracts.Reading;

namespace ComplexCases.Extracts.Tests.Reading;

/// <summary>Values echoed in error messages stay on one line and stay short.</summary>
public class EchoTextTests
{
    [Theory]
    [InlineData("people\n.csv", "people\\n.csv")]
    [InlineData("a\r\nb\tc", "a\\r\\nb\\tc")]
    [InlineData("bell\u0007", "bell\\u0007")]
    [InlineData("line\u2028sep", "line\\u2028sep")]
    [InlineData("Zoë Ng", "Zoë Ng")]
    public void Of_ControlCharacters_AreEscapedSoTheMessageIsOneLine(string value, string shown) => EchoText.Of(value).ShouldBe(shown);

    [Fact]
    public void Of_AMegabyteValue_IsCutShortSayingHowLongItWas()
    {
        var shown = EchoText.Of(new string('A', 1_000_000));

        shown.ShouldStartWith(new string('A', EchoText.DefaultMaxLength) + "…");
        shown.ShouldEndWith("(1,000,000 characters)");
        shown.Length.ShouldBeLessThan(120);
    }
}
