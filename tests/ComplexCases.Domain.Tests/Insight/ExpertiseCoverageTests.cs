using ComplexCases.Domain.Insight;
using ComplexCases.Domain.Panels;
using static ComplexCases.Domain.Panels.Agency;

namespace ComplexCases.Domain.Tests.Insight;

public class ExpertiseCoverageTests
{
    private static readonly DateOnly March = new(2026, 3, 10), April = new(2026, 4, 2);

    private static PanelCaseSeen Case(string area, DateOnly on, Agency[] needed, params Agency[] present) =>
        new(area, on, needed.ToHashSet(), present.ToHashSet());

    [Fact]
    public void EachAgency_CountsTheCasesNeedingIt_AndThoseWithItPresent()
    {
        var cases = new[]
        {
            Case("A", March, [MentalHealth, AdultSocialCare], MentalHealth, Police),
            Case("A", March, [MentalHealth], MentalHealth),
            Case("A", March, []),
            Case("A", March, [Housing], Police),
        };

        var counts = ExpertiseCoverage.Count(cases)[("A", new DateOnly(2026, 3, 1))];

        counts.Discussed.ShouldBe(4);
        counts.NeedingAny.ShouldBe(3);
        counts.AllPresent.ShouldBe(1);
        counts.Needing(MentalHealth).ShouldBe(2);
        counts.Present(MentalHealth).ShouldBe(2);
        counts.Needing(AdultSocialCare).ShouldBe(1);
        counts.Present(AdultSocialCare).ShouldBe(0);
        counts.Needing(Police).ShouldBe(0);
        counts.Present(Police).ShouldBe(0); // present but not needed: not counted
        counts.Needing(Housing).ShouldBe(1);
        counts.Present(Housing).ShouldBe(0);
    }

    [Fact]
    public void AreasAndMonths_AreCountedApart_AndTheTotalAddsThemUp()
    {
        var cases = new[]
        {
            Case("A", March, [MentalHealth], MentalHealth),
            Case("A", April, [MentalHealth]),
            Case("B", March, [MentalHealth], MentalHealth),
        };

        var counts = ExpertiseCoverage.Count(cases);
        var total = ExpertiseCoverage.Total(cases);

        counts.Keys.ShouldBe([("A", new DateOnly(2026, 3, 1)), ("A", new DateOnly(2026, 4, 1)), ("B", new DateOnly(2026, 3, 1))], ignoreOrder: true);
        counts[("A", new DateOnly(2026, 4, 1))].AllPresent.ShouldBe(0);
        total.Discussed.ShouldBe(3);
        total.Needing(MentalHealth).ShouldBe(3);
        total.Present(MentalHealth).ShouldBe(2);
        total.AllPresent.ShouldBe(2);
    }
}
