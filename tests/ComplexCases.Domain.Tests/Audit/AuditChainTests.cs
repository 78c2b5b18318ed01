using ComplexCases.Domain.Audit;
using ComplexCases.Domain.People;
using static ComplexCases.Domain.Tests.Audit.AuditEvents;

namespace ComplexCases.Domain.Tests.Audit;

public class AuditChainTests
{
    [Fact]
    public void Next_FirstEntry_IsSequenceOneLinkedToTheGenesisHash()
    {
        var first = AuditEvent.Next(AuditChainHead.Genesis, Entry());

        first.Sequence.ShouldBe(1);
        first.PreviousHash.ShouldBe(new string('0', 64));
        first.Hash.ShouldMatch("^[0-9a-f]{64}$");
        first.ComputeHash().ShouldBe(first.Hash);
    }

    [Fact]
    public void Next_AfterAnEntry_TakesTheNextSequenceAndLinksToItsHash()
    {
        var first = AuditEvent.Next(AuditChainHead.Genesis, Entry());

        var second = AuditEvent.Next(first.AsHead(), Entry(1));

        second.Sequence.ShouldBe(2);
        second.PreviousHash.ShouldBe(first.Hash);
        second.Hash.ShouldNotBe(first.Hash);
    }

    [Fact]
    public void Hash_DocumentedFormat_MatchesAnIndependentImplementation()
    {
        // Expected values computed with Python from the format in docs/audit-events.md, not with this code.
        var first = AuditEvent.Next(AuditChainHead.Genesis, new AuditEntry(Start, "cli", AuditAction.Collection, "screening.run",
            "monthly complex case screening", AuditSubjects.Of(Crn.Parse("E000002"), Crn.Parse("E000001")), """{"runId":1}"""));
        var second = AuditEvent.Next(first.AsHead(), new AuditEntry(Start.AddMinutes(30).AddTicks(1_234_567), "pat.practitioner@example.gov.uk",
            AuditAction.Consultation, "case.viewed", "supervision of the case — review", AuditSubjects.Of(Crn.Parse("E000002")), ""));

        first.Hash.ShouldBe("1f6b266db7886416c159ded1e22faff009b642856a9e3ae168b2b71ac6fd9415");
        second.Hash.ShouldBe("5834b68190fe5a84c0d11fc6496035bb75e2fd660366c2bea3495b1636cbdf6e");
    }

    [Fact]
    public void Hash_SameTextSplitDifferentlyBetweenFields_Differs()
    {
        var a = AuditEvent.Next(AuditChainHead.Genesis, Entry(purpose: "ab", details: "c"));
        var b = AuditEvent.Next(AuditChainHead.Genesis, Entry(purpose: "a", details: "bc"));

        a.Hash.ShouldNotBe(b.Hash);
    }

    [Fact]
    public void Verify_EmptyChain_IsIntactAtGenesis()
    {
        var result = AuditChain.Verify([]);

        result.Intact.ShouldBeTrue();
        result.IntactEntries.ShouldBe(0);
        result.Head.ShouldBe(AuditChainHead.Genesis);
    }

    [Fact]
    public void Verify_UnalteredChain_IsIntactWithItsLastEntryAsHead()
    {
        var chain = Chain(5);

        var result = AuditChain.Verify(chain);

        result.Intact.ShouldBeTrue();
        result.IntactEntries.ShouldBe(5);
        result.Head.ShouldBe(chain[4].AsHead());
    }

    public static TheoryData<string> Fields => ["occurred_at", "actor", "action", "event_type", "purpose", "subjects", "details"];

    [Theory]
    [MemberData(nameof(Fields))]
    public void Verify_FieldAlteredInAMiddleEntry_HashMismatchAtThatEntry(string field)
    {
        var chain = Chain(5);
        var e = chain[2].Entry;
        chain[2] = Tampered(chain[2], field switch
        {
            "occurred_at" => new AuditEntry(e.OccurredAt.AddTicks(1), e.Actor, e.Action, e.EventType, e.Purpose, e.Subjects, e.Details),
            "actor" => new AuditEntry(e.OccurredAt, "someone.else", e.Action, e.EventType, e.Purpose, e.Subjects, e.Details),
            "action" => new AuditEntry(e.OccurredAt, e.Actor, AuditAction.Disclosure, e.EventType, e.Purpose, e.Subjects, e.Details),
            "event_type" => new AuditEntry(e.OccurredAt, e.Actor, e.Action, "list.viewed", e.Purpose, e.Subjects, e.Details),
            "purpose" => new AuditEntry(e.OccurredAt, e.Actor, e.Action, e.EventType, "curiosity", e.Subjects, e.Details),
            "subjects" => new AuditEntry(e.OccurredAt, e.Actor, e.Action, e.EventType, e.Purpose, AuditSubjects.Of(Crn.Parse("E999999")), e.Details),
            _ => new AuditEntry(e.OccurredAt, e.Actor, e.Action, e.EventType, e.Purpose, e.Subjects, """{"page":99}"""),
        });

        var result = AuditChain.Verify(chain);

        result.Break.ShouldNotBeNull();
        result.Break.Sequence.ShouldBe(3);
        result.Break.Kind.ShouldBe(AuditChainBreakKind.HashMismatch);
        result.Break.ToString().ShouldStartWith("entry 3: hash mismatch");
        result.IntactEntries.ShouldBe(2);
        result.Head.ShouldBe(chain[1].AsHead());
    }

    [Fact]
    public void Verify_EntryAlteredAndRehashed_BrokenLinkAtTheNextEntry()
    {
        var chain = Chain(5);
        chain[2] = AuditEvent.Next(chain[1].AsHead(), Entry(2, actor: "someone.else"));

        var result = AuditChain.Verify(chain);

        result.Break!.Sequence.ShouldBe(4);
        result.Break.Kind.ShouldBe(AuditChainBreakKind.BrokenLink);
        result.Break.Reason.ShouldContain("entry 3");
    }

    [Fact]
    public void Verify_MiddleEntryRemoved_SequenceGapAtTheEntryAfterIt()
    {
        var chain = Chain(5);
        chain.RemoveAt(2);

        var result = AuditChain.Verify(chain);

        result.Break!.Sequence.ShouldBe(4);
        result.Break.Kind.ShouldBe(AuditChainBreakKind.SequenceGap);
        result.Break.Reason.ShouldContain("entry 3 is missing");
    }

    [Fact]
    public void Verify_MiddleEntryRemovedAndLaterOnesRenumbered_Detected()
    {
        var chain = Chain(5);
        chain.RemoveAt(2);
        chain[2] = Renumbered(chain[2], 3);
        chain[3] = Renumbered(chain[3], 4);

        var result = AuditChain.Verify(chain);

        result.Break!.Sequence.ShouldBe(3);
        result.Intact.ShouldBeFalse();
    }

    [Fact]
    public void Verify_FirstEntryRemoved_SequenceGapAtEntryTwo()
    {
        var chain = Chain(3);
        chain.RemoveAt(0);

        var result = AuditChain.Verify(chain);

        result.Break!.Sequence.ShouldBe(2);
        result.Break.Kind.ShouldBe(AuditChainBreakKind.SequenceGap);
        result.IntactEntries.ShouldBe(0);
    }

    [Fact]
    public void Verify_EntriesReordered_OutOfOrderAtTheFirstMisplacedEntry()
    {
        var chain = Chain(4);
        (chain[1], chain[2]) = (chain[2], chain[1]);

        var result = AuditChain.Verify(chain);

        result.Break!.Sequence.ShouldBe(3);
        result.Break.Kind.ShouldBe(AuditChainBreakKind.SequenceGap);
    }

    [Fact]
    public void Verify_FirstEntryNotFromGenesis_BrokenLinkAtEntryOne()
    {
        var forged = AuditEvent.Next(new AuditChainHead(0, new string('a', 64)), Entry());

        var result = AuditChain.Verify([forged]);

        result.Break!.Sequence.ShouldBe(1);
        result.Break.Kind.ShouldBe(AuditChainBreakKind.BrokenLink);
        result.Break.Reason.ShouldContain("genesis");
    }

    [Fact]
    public void Verify_AfterABreak_ReadsNoFurther()
    {
        var chain = Chain(3);
        var read = 0;

        AuditChain.Verify(Counting(chain.Take(1).Append(Renumbered(chain[1], 7)).Concat(chain.Skip(2)))).Break!.Sequence.ShouldBe(7);

        read.ShouldBe(2);

        IEnumerable<AuditEvent> Counting(IEnumerable<AuditEvent> events)
        {
            foreach (var e in events) { read++; yield return e; }
        }
    }
}
