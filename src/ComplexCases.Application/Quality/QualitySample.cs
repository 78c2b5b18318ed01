using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ComplexCases.Application.Quality;

/// <summary>
/// How many cases a QDO reviews from each month's list in their region, and the share of reviews sampled for a second,
/// independent review by another QDO (<see cref="Domain.Workflow.SecondReview"/>; 0 turns double review off).
/// </summary>
public sealed record QualitySettings(int SampleSize = QualitySettings.DefaultSampleSize)
{
    public const string Section = "Quality";
    public const int DefaultSampleSize = 10;
    public const double DefaultSecondReviewShare = 0.1;

    public double SecondReviewShare { get; init; } = DefaultSecondReviewShare;
}

/// <summary>One sampled case, with its latest review since the month's list, if any.</summary>
public sealed record SampledCase(
    string Crn, string? Forename, string? Surname, string PduCode, string? PduName, Domain.Workflow.CaseStage? Stage, ReviewSummary? Review)
{
    public bool InProcess => Stage is not null;
}

public sealed record ReviewSummary(long Id, DateOnly ReviewedOn, string ReviewerName)
{
    /// <summary>When the practitioner marked the feedback read (or replied), and how many replies there are.</summary>
    public DateTimeOffset? ReadAt { get; init; }
    public int Replies { get; init; }
}

/// <summary>A month's sample for one region: which run it is drawn from and how many cases it was drawn from.</summary>
public sealed record QualitySample(DateOnly Month, int RunId, DateOnly AsOf, string RegionCode, int Candidates, IReadOnlyList<SampledCase> Cases)
{
    public int Reviewed => Cases.Count(c => c.Review is not null);
}

/// <summary>
/// The sampling rule, pure: rank each candidate by SHA-256 of (month, region, CRN) and take the lowest. Every QDO of a region
/// sees the same sample for a month, on any machine and .NET version (no seeded <see cref="Random"/>, whose sequence is not
/// a documented contract), and a case added to or removed from the month's list moves at most one place in or out of it.
/// The rule is not a secret: the sample supports practice, it is not a control that practitioners could game.
/// </summary>
public static class QualitySampling
{
    public static IReadOnlyList<string> Choose(IEnumerable<string> crns, DateOnly month, string regionCode, int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var prefix = string.Create(CultureInfo.InvariantCulture, $"quality-sample-v1|{month:yyyy-MM}|{regionCode}|");
        return [.. crns.Distinct(StringComparer.Ordinal)
            .Select(crn => (crn, rank: Rank(prefix + crn)))
            .OrderBy(x => x.rank).ThenBy(x => x.crn, StringComparer.Ordinal)
            .Take(size)
            .Select(x => x.crn)];
    }

    private static ulong Rank(string text)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return BinaryPrimitives.ReadUInt64BigEndian(hash);
    }
}
