using System.Text;
using ComplexCases.TestSupport.Data;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Data.Tests;

/// <summary>
/// Lists, CRNs and codes sort the same on both providers: by code point (SQLite's BINARY, PostgreSQL's "C"), never by
/// a language's rules (where "b" comes before "C", accents fold and hyphens are ignored). The PostgreSQL test databases
/// sort in English by default (<see cref="PostgresTestDatabase"/>), so only the columns' collation gives this order.
/// </summary>
public sealed class OrdinalOrderTests(PostgresTestDatabase postgres) : IClassFixture<PostgresTestDatabase>, IDisposable
{
    private static readonly string[] Surnames =
    [
        "adams", "Adams", "ADAMS", "Zeta", "zeta", "Ávila", "Avila", "O'Brien", "O-Neil", "ONeil", "van Dyke", "Van Dyke",
        "Émile", "émile", "Ørsted", "Łukasz", "Ñúñez", "a b", "a-b", "ab", "1st", "_x", "~tilde", "\uFF21wide", "\uD835\uDC9Cscript",
        "\uE000private", "",
    ];

    private static readonly string[] PduCodes = ["N07", "n07", "N7", "N07A", "N_7", "N-7", "M99", "Z00", "a00"];

    private readonly TestDatabase _sqlite = new();

    [Fact]
    public void Surnames_sort_by_code_point_on_both_providers()
    {
        var expected = Surnames.Order(Utf8Order.Instance).ToList();
        Sorted(_sqlite.Open(), c => c.Surname!).ShouldBe(expected);
        Sorted(postgres.Open(), c => c.Surname!).ShouldBe(expected);
    }

    [Fact]
    public void Codes_and_crns_sort_by_code_point_on_both_providers()
    {
        var expected = Surnames.Select((_, i) => PduCodes[i % PduCodes.Length]).Order(Utf8Order.Instance).ToList();
        Sorted(_sqlite.Open(), c => c.PduCode).ShouldBe(expected);
        Sorted(postgres.Open(), c => c.PduCode).ShouldBe(expected);
        Sorted(postgres.Open(), c => c.Crn).ShouldBe(Sorted(_sqlite.Open(), c => c.Crn));
    }

    private static List<string> Sorted(ComplexCasesDbContext db, System.Linq.Expressions.Expression<Func<Screening.ListedCase, string>> key)
    {
        using (db)
        {
            var runId = db.Runs.Where(r => r.DefinitionId == "order").Select(r => (int?)r.Id).SingleOrDefault() ?? Seed(db);
            return [.. db.ListedCases.AsNoTracking().Where(c => c.RunId == runId).OrderBy(key).Select(key)];
        }
    }

    private static int Seed(ComplexCasesDbContext db)
    {
        var run = RoundTripData.Run("order");
        db.Runs.Add(run);
        db.SaveChanges();
        for (var i = 0; i < Surnames.Length; i++)
        {
            // CRNs in an order of their own (reversed), and each code on several rows.
            db.ListedCases.Add(RoundTripData.Listed(run.Id, $"{(char)('Z' - (i % 26))}{i:D6}", PduCodes[i % PduCodes.Length], Surnames[i]));
        }
        db.SaveChanges();
        return run.Id;
    }

    public void Dispose() => _sqlite.Dispose();

    /// <summary>UTF-8 byte order, which is code point order: what both databases are expected to give.</summary>
    private sealed class Utf8Order : IComparer<string>
    {
        public static readonly Utf8Order Instance = new();

        public int Compare(string? x, string? y) =>
            Encoding.UTF8.GetBytes(x ?? "").AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y ?? ""));
    }
}
