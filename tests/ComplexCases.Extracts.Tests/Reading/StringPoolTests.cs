using ComplexCases.Extracts.Reading;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ComplexCases.Extracts.Tests.Reading;

public class StringPoolTests
{
    [Theory]
    [InlineData("RHRH")]
    [InlineData("rhrh")]
    [InlineData("M2")]
    [InlineData("`@[{az")]
    [InlineData("AZaz09_-")]
    [InlineData("EOENFKx")]
    [InlineData("Straße")]
    [InlineData("éclair")]
    [InlineData("a very long code with lower case")]
    [InlineData("A VERY LONG CODE IN UPPER CASE")]
    public void GetUpper_AnyText_SameAsInvariantUpperCase(string text)
    {
        var pool = new StringPool();

        pool.GetUpper(text).ShouldBe(text.ToUpperInvariant());
    }

    [Property(MaxTest = 500)]
    public Property GetAndGetUpper_ArbitraryText_EqualValuesAndOneInstancePerValue() =>
        Prop.ForAll(ArbMap.Default.ArbFor<string[]>(), texts =>
        {
            var pool = new StringPool();
            var values = texts.Where(t => t is not null).ToArray();
            foreach (var text in values)
            {
                pool.Get(text).ShouldBe(text);
                pool.GetUpper(text).ShouldBe(text.ToUpperInvariant());
            }
            foreach (var text in values)
            {
                ReferenceEquals(pool.Get(text), pool.Get(new string(text.AsSpan()))).ShouldBeTrue();
            }
        });

    [Fact]
    public void Get_ManyValues_AllFoundAgainAfterGrowing()
    {
        var pool = new StringPool();
        var first = Enumerable.Range(0, 5000).Select(i => pool.Get($"N07P{i:00000}")).ToList();

        Enumerable.Range(0, 5000).Select(i => pool.Get($"N07P{i:00000}")).ShouldBe(first);
        Enumerable.Range(0, 5000).All(i => ReferenceEquals(first[i], pool.Get($"N07P{i:00000}"))).ShouldBeTrue();
    }

    [Fact]
    public void Get_PastTheBound_StillReturnsEqualStrings()
    {
        var pool = new StringPool(maxEntries: 10);

        Enumerable.Range(0, 100).Select(i => pool.Get($"code{i}")).ShouldBe(Enumerable.Range(0, 100).Select(i => $"code{i}"));
        pool.Get("").ShouldBe("");
    }
}
