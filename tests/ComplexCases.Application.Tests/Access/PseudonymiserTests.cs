using System.Reflection;
using System.Text.RegularExpressions;
using ComplexCases.Application.Access;
using ComplexCases.Data.Screening;
using ComplexCases.Domain.People;

namespace ComplexCases.Application.Tests.Access;

public sealed partial class PseudonymiserTests
{
    private static readonly byte[] Key = [.. Enumerable.Range(0, 32).Select(i => (byte)i)];
    private static readonly byte[] OtherKey = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    private readonly Pseudonymiser _pseudonymiser = new(Key);

    [Fact]
    public void For_KnownKeyAndCrn_IsTheTruncatedHmacSha256()
    {
        // Reference values from Python: "P-" + hmac.new(bytes(range(32)), crn, sha256).hexdigest()[:12].upper()
        _pseudonymiser.For(Crn.Parse("E123456")).ShouldBe("P-7A7894097482");
        _pseudonymiser.For(Crn.Parse("E123457")).ShouldBe("P-E428B8E2684A");
        new Pseudonymiser(OtherKey).For(Crn.Parse("E123456")).ShouldBe("P-DF0856F14EE9");
    }

    [Fact]
    public void For_SameCrnAndKeyInAnotherInstance_SamePseudonym()
    {
        var later = Pseudonymiser.FromBase64(Convert.ToBase64String(Key));

        later.For(Crn.Parse("E123456")).ShouldBe(_pseudonymiser.For(Crn.Parse("E123456")));
    }

    [Fact]
    public void For_DifferentKey_DifferentPseudonymForEveryCrn()
    {
        var other = new Pseudonymiser(OtherKey);

        Enumerable.Range(0, 1_000).Select(i => $"E{i:D6}").ShouldAllBe(crn => other.For(Crn.Parse(crn)) != _pseudonymiser.For(Crn.Parse(crn)));
    }

    [Fact]
    public void For_ManyCrns_AllDistinctAndWellFormed()
    {
        var pseudonyms = Enumerable.Range(0, 100_000).Select(i => _pseudonymiser.For(Crn.FromValue(i * 7))).ToList();

        pseudonyms.Distinct().Count().ShouldBe(pseudonyms.Count);
        pseudonyms.ShouldAllBe(p => PseudonymPattern().IsMatch(p));
    }

    [Fact]
    public void Constructor_KeyShorterThan32Bytes_Throws() =>
        Should.Throw<ArgumentException>(() => new Pseudonymiser(new byte[31]));

    [Fact]
    public void FromBase64_NotBase64_ThrowsArgumentException() =>
        Should.Throw<ArgumentException>(() => Pseudonymiser.FromBase64("not base64!"));

    [Fact]
    public void Constructor_CallerChangesKeyArrayAfterwards_PseudonymsUnchanged()
    {
        var key = Key.ToArray();
        var pseudonymiser = new Pseudonymiser(key);
        var before = pseudonymiser.For(Crn.Parse("E123456"));

        key[0] ^= 0xFF;

        pseudonymiser.For(Crn.Parse("E123456")).ShouldBe(before);
    }

    [Fact]
    public void ToString_DoesNotRevealTheKey() => _pseudonymiser.ToString().ShouldBe("Pseudonymiser");

    [Fact]
    public void Redact_Identity_OnlyThePseudonymRemains()
    {
        var redacted = _pseudonymiser.Redact(new CaseIdentity("E123456", "Alex", "Example", new DateOnly(1980, 1, 2)));

        redacted.ShouldBe(new CaseIdentity("P-7A7894097482", null, null, null, IsPseudonym: true));
    }

    [Fact]
    public void Redact_AlreadyPseudonymised_Unchanged()
    {
        var once = _pseudonymiser.Redact(new CaseIdentity("E123456", "Alex", "Example", null));

        _pseudonymiser.Redact(once).ShouldBe(once);
    }

    [Fact]
    public void ShowTo_ViewerWithNamesOnTheCase_IdentityUnchanged()
    {
        var identity = new CaseIdentity(Cases.Default.Crn, "Alex", "Example", new DateOnly(1980, 1, 2));

        _pseudonymiser.ShowTo(Users.Create(Role.Spo), Cases.Default, identity).ShouldBeSameAs(identity);
    }

    [Fact]
    public void ShowTo_AnalystWhoIsAlsoPractitioner_NamesOnOwnCaseOnly()
    {
        var user = Users.Create([Role.Analyst, Role.Practitioner]);
        var own = new CaseIdentity(Cases.Default.Crn, "Alex", "Example", null);
        var other = new CaseIdentity(Cases.Elsewhere.Crn, "Sam", "Other", null);

        _pseudonymiser.ShowTo(user, Cases.Default, own).IsPseudonym.ShouldBeFalse();
        _pseudonymiser.ShowTo(user, Cases.Elsewhere, other).ShouldBe(new CaseIdentity(_pseudonymiser.For(Crn.Parse(Cases.Elsewhere.Crn)), null, null, null, true));
    }

    [Fact]
    public void ShowTo_AnalystOnListedCase_RedactedCopyOriginalUntouched()
    {
        var listed = Listed();

        var shown = _pseudonymiser.ShowTo(Users.Create(Role.Analyst), listed);

        shown.ShouldNotBeSameAs(listed);
        shown.Crn.ShouldBe("P-7A7894097482");
        shown.Forename.ShouldBeNull();
        listed.Crn.ShouldBe("E123456");
        listed.Forename.ShouldBe("Alex");
    }

    [Fact]
    public void ShowTo_PractitionerOnOwnListedCase_SameInstance()
    {
        var listed = Listed();

        _pseudonymiser.ShowTo(Users.Create(Role.Practitioner), listed).ShouldBeSameAs(listed);
    }

    [Fact]
    public void Redact_ListedCase_EveryPropertyCopiedOrDeliberatelyRedacted()
    {
        // A new column on ListedCase fails here until it is classified: copied, or redacted in Pseudonymiser.Redact.
        string[] redacted = [nameof(ListedCase.Crn), nameof(ListedCase.Forename), nameof(ListedCase.Surname),
            nameof(ListedCase.PractitionerName), nameof(ListedCase.SpoName)];
        var listed = Listed();
        listed.LimitedAccess = true;
        var properties = typeof(ListedCase).GetProperties(BindingFlags.Public | BindingFlags.Instance);
        foreach (var property in properties)
        {
            var unset = property.PropertyType.IsValueType ? Activator.CreateInstance(property.PropertyType) : null;
            property.GetValue(listed).ShouldNotBe(unset, $"The test case must give {property.Name} a value.");
        }

        var copy = _pseudonymiser.Redact(listed);

        foreach (var property in properties)
        {
            if (property.Name == nameof(ListedCase.Crn)) copy.Crn.ShouldBe(_pseudonymiser.For(Crn.Parse(listed.Crn)));
            else if (redacted.Contains(property.Name)) property.GetValue(copy).ShouldBeNull(property.Name);
            else property.GetValue(copy).ShouldBe(property.GetValue(listed), property.Name);
        }
    }

    private static ListedCase Listed() => new()
    {
        RunId = 3,
        Crn = "E123456",
        PduCode = Users.PduCode,
        PduName = "A PDU",
        RegionCode = Users.RegionCode,
        Status = 1,
        Score = 7,
        MetMask = 0b101,
        UnknownMask = 0b10,
        Change = 2,
        MonthsListed = 4,
        Forename = "Alex",
        Surname = "Example",
        TeamCode = Users.TeamCode,
        TeamName = "A team",
        PractitionerCode = Users.StaffCode,
        PractitionerName = "Pat Practitioner",
        SpoCode = Cases.SpoCode,
        SpoName = "Sam Senior",
        LimitedAccess = false,
        EvidenceJson = "[{}]",
    };

    [GeneratedRegex("^P-[0-9A-F]{12}$")]
    private static partial Regex PseudonymPattern();
}
