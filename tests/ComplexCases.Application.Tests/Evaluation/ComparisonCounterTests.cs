using System.Numerics;
using ComplexCases.Application.Definitions;
using ComplexCases.Application.Evaluation;
using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Screening;

namespace ComplexCases.Application.Tests.Evaluation;

/// <summary>
/// The comparison's counting on hand-built months: per-PDU combinations and stability with answers worked out by hand.
/// A is the pilot (eight criteria of weight 1, threshold 6), B the same at threshold 5.
/// </summary>
public class ComparisonCounterTests
{
    private const byte Six = 0x3F, Five = 0x1F, Seven = 0x7F, One = 0x01, None = 0x00;
    private static readonly Definition A = Parse(File.ReadAllText(DefinitionFile.PilotPath));
    private static readonly Definition B = Parse(File.ReadAllText(DefinitionFile.PilotPath).Replace("\"threshold\": 6", "\"threshold\": 5", StringComparison.Ordinal));

    private static Definition Parse(string json) => DefinitionParser.Parse(json).Definition!;

    /// <summary>
    /// Jan: P1 N01 six, P2 N01 five (B only), P3 N02 seven, P4 N02 one, P5 N02 six.
    /// Feb: P1 N01 one (leaves), P2 moves to N02 still five, P3 N02 seven, P4 N02 six (enters), P5 N02 six.
    /// Mar: P1 N01 six (returns), P2 N02 none (leaves B), P3 moves to N01 still seven, P4 N02 six, P5 N02 six.
    /// </summary>
    private static ComparisonReport ThreeMonths()
    {
        var counter = new ComparisonCounter(A, B);
        Next(counter, 1, ("A000001", "N01", Six), ("A000002", "N01", Five), ("A000003", "N02", Seven), ("A000004", "N02", One), ("A000005", "N02", Six));
        Next(counter, 2, ("A000001", "N01", One), ("A000002", "N02", Five), ("A000003", "N02", Seven), ("A000004", "N02", Six), ("A000005", "N02", Six));
        Next(counter, 3, ("A000001", "N01", Six), ("A000002", "N02", None), ("A000003", "N01", Seven), ("A000004", "N02", Six), ("A000005", "N02", Six));
        return counter.Report(null, null);
    }

    private static void Next(ComparisonCounter counter, int month, params (string Crn, string Pdu, byte Met)[] people)
    {
        var run = new StoredRun(month, new DateOnly(2024, month, 28), A.Id, A.Version);
        var pdus = people.Select(p => p.Pdu).Distinct().ToArray();
        ScreenedMonth Under(Definition d) => new(run, [.. people.Select(p => Crn.Parse(p.Crn))], [.. people.Select(p => Array.IndexOf(pdus, p.Pdu))], pdus,
            [.. people.Select(p => Outcome(p.Met, d))], Rescreened: false);
        counter.Next(Under(A), Under(B));
    }

    private static PersonOutcome Outcome(byte met, Definition d)
    {
        var score = (short)BitOperations.PopCount(met);
        return new PersonOutcome(met, 0, score, 0, score >= d.Threshold ? ScreeningStatus.Complex : ScreeningStatus.NotListed);
    }

    private static Dictionary<int, (int A, int B)> Combos(params (byte Mask, int A, int B)[] c) => c.ToDictionary(x => (int)x.Mask, x => (x.A, x.B));

    [Fact]
    public void Combinations_AreCountedInThePduOfThePersonListed_AndAddUpToTheMonths()
    {
        var months = ThreeMonths().Months;

        months[0].Pdus["N01"].Combinations().ShouldBe(Combos((Six, 1, 1), (Five, 0, 1)), ignoreOrder: true);
        months[0].Pdus["N02"].Combinations().ShouldBe(Combos((Seven, 1, 1), (Six, 1, 1)), ignoreOrder: true);
        months[1].Pdus["N01"].Combinations().ShouldBeEmpty();
        months[1].Pdus["N02"].Combinations().ShouldBe(Combos((Seven, 1, 1), (Six, 2, 2), (Five, 0, 1)), ignoreOrder: true);
        months[2].Pdus["N01"].Combinations().ShouldBe(Combos((Six, 1, 1), (Seven, 1, 1)), ignoreOrder: true);
        months[2].Pdus["N02"].Combinations().ShouldBe(Combos((Six, 2, 2)), ignoreOrder: true);
        months[1].Combinations.ShouldBe(Combos((Seven, 1, 1), (Six, 2, 2), (Five, 0, 1)), ignoreOrder: true);
        months[0].Combinations.ShouldBe(Combos((Six, 2, 2), (Five, 0, 1), (Seven, 1, 1)), ignoreOrder: true);
    }

    [Fact]
    public void MonthlyMovement_IsCountedWhereThePersonIs_AndAMoveIsNeitherEnteringNorLeaving()
    {
        var months = ThreeMonths().Months;

        // Feb: P1 leaves N01 (both lists), P4 enters N02; P2 moving N01 → N02 on B's list neither enters nor leaves.
        (months[1].Pdus["N01"].A.Leaving, months[1].Pdus["N01"].B.Leaving, months[1].Pdus["N01"].B.Entering).ShouldBe((1, 1, 0));
        (months[1].Pdus["N02"].A.Entering, months[1].Pdus["N02"].B.Entering, months[1].Pdus["N02"].B.Leaving).ShouldBe((1, 1, 0));
        // Mar: P1 returns in N01 on both lists; P2 leaves B's list from N02; P3's move to N01 is no entry.
        (months[2].Pdus["N01"].A.Entering, months[2].Pdus["N01"].A.Returning, months[2].Pdus["N01"].B.Entering, months[2].Pdus["N01"].B.Returning).ShouldBe((1, 1, 1, 1));
        (months[2].Pdus["N02"].A.Leaving, months[2].Pdus["N02"].B.Leaving).ShouldBe((0, 1));
        (months[2].Total.B.Entering, months[2].Total.B.Leaving, months[2].Total.B.Returning).ShouldBe((1, 1, 1));
    }

    [Fact]
    public void StabilitySummary_PerPdu_CountsThePeopleListedThere()
    {
        var report = ThreeMonths();

        // All PDUs: A lists P1, P3, P4, P5 (P3 and P5 every month, P1 flickers); B also P2.
        report.StabilityA.ShouldBe(new StabilitySummary(4, 2, 1));
        report.StabilityB.ShouldBe(new StabilitySummary(5, 2, 1));
        // N01: A lists P1 (Jan, Mar: returned there) and P3 (Mar); B also P2 (Jan).
        report.PduStabilityA["N01"].ShouldBe(new StabilitySummary(2, 0, 1));
        report.PduStabilityB["N01"].ShouldBe(new StabilitySummary(3, 0, 1));
        // N02: A lists P3 (Jan, Feb), P4 (Feb, Mar), P5 (every month); B also P2 (Feb).
        report.PduStabilityA["N02"].ShouldBe(new StabilitySummary(3, 1, 0));
        report.PduStabilityB["N02"].ShouldBe(new StabilitySummary(4, 1, 0));
    }

    [Fact]
    public void View_ForOnePdu_ShowsThatPdusCombinationsAndSummary_WithSmallCountsWithheld()
    {
        var report = ThreeMonths();

        var n02 = ComparisonView.Of(report, report.PduCodes(), "N02");
        var all = ComparisonView.Of(report, report.PduCodes(), null);

        // The page and every download are drawn from these tables.
        n02.Combinations.Rows.Select(r => r.Label).ShouldBe([ComparisonView.Combination(Six), ComparisonView.Combination(Seven), ComparisonView.Combination(Five), "All listed"]);
        n02.Combinations[ComparisonView.Combination(Seven), "Listed by A"].Value.ShouldBe(2);
        n02.Combinations[ComparisonView.Combination(Seven), "Listed by A"].Withheld.ShouldBeTrue();
        // The 5 is not small, but with the total shown (7 = 5 + 2) it would give the 2 away: withheld too, the total shown.
        n02.Combinations[ComparisonView.Combination(Six), "Listed by A"].Value.ShouldBe(5);
        n02.Combinations[ComparisonView.Combination(Six), "Listed by A"].Withheld.ShouldBeTrue();
        n02.Combinations["All listed", "Listed by A"].Value.ShouldBe(7);
        n02.Combinations["All listed", "Listed by A"].Withheld.ShouldBeFalse();
        all.Combinations["All listed", "Listed by A"].Value.ShouldBe(10);
        n02.StabilitySummary["Listed in any month", "A"].Value.ShouldBe(3);
        n02.StabilitySummary["Listed in any month", "A"].Withheld.ShouldBeTrue();
        all.StabilitySummary["Listed in any month", "B"].Value.ShouldBe(5);
        all.StabilitySummary["Listed in any month", "B"].Withheld.ShouldBeFalse();
    }
}
