namespace ComplexCases.Synthetic.Tests;

public class PresetsTests
{
    [Fact]
    public void Get_National_TwelveRegionsOfEnglandAndWalesWithAbout108Pdus()
    {
        var regions = Presets.Get("national");

        regions.Count.ShouldBe(12);
        regions.Sum(r => r.Pdus.Count).ShouldBeInRange(100, 115);
        regions.Select(r => r.Code).ShouldBeUnique();
        regions.Select(r => r.CrnLetter).ShouldBeUnique();
        regions.SelectMany(r => r.Pdus).Select(p => p.Code).ShouldBeUnique();
        regions.Select(r => r.Name).ShouldContain("Wales");
        regions.Select(r => r.Name).ShouldContain("Kent, Surrey and Sussex");
    }

    [Fact]
    public void Get_EastOfEngland_TheEightPdusOfThePopulationFigures()
    {
        var region = Presets.Get("East-of-England").ShouldHaveSingleItem();

        region.Code.ShouldBe("N07");
        region.Pdus.Select(p => p.Name).ShouldBe(
        [
            "Bedfordshire", "Cambridgeshire & Peterborough", "Essex North", "Essex South",
            "Hertfordshire", "Norfolk", "Northamptonshire", "Suffolk",
        ]);
        region.Pdus.Single(p => p.Name == "Norfolk").Code.ShouldBe("EOENFK");
    }

    [Fact]
    public void Find_UnknownName_Null()
    {
        Presets.Find("scotland").ShouldBeNull();
    }
}
