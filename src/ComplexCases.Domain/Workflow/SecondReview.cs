using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ComplexCases.Domain.Workflow;

/// <summary>A stored quality review as the pairing reads it: which, of which case, by whom.</summary>
public readonly record struct ReviewRef(long Id, long WorkflowId, string Reviewer);

/// <summary>A review sampled for a second opinion and the second QDO's review of the same case (null while awaited).</summary>
public sealed record ReviewPair(ReviewRef First, ReviewRef? Second);

/// <summary>
/// Double review, for the consistency of quality: a small share of reviews is sampled for a second, independent review by
/// another QDO, so the agreement between QDOs can be measured (Cohen's kappa). Pure and deterministic:
/// <list type="bullet">
/// <item>A review is sampled when SHA-256 of ("second-review-v1|" + its id), read as a number in [0, 1), is below the share:
/// the same on any machine, known from the id alone, and independent of the case (unlike a seeded <see cref="Random"/>).</item>
/// <item>Its second review is the next review of the same case (in the order stored) by a different QDO. Until then the
/// first is <em>awaiting</em> its second, and other QDOs are not shown its answers, so the second is independent.</item>
/// <item>A review that is itself someone's second review is not sampled again; a later sampled review of the case by the
/// first QDO replaces the one awaited (their latest view of the case is what the second is compared with).</item>
/// </list>
/// </summary>
public static class SecondReview
{
    public static bool Sampled(long reviewId, double share)
    {
        if (share <= 0) return false;
        if (share >= 1) return true;
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"second-review-v1|{reviewId}")), hash);
        // The top 53 bits as a double in [0, 1): exact, so the cut-off is the same everywhere.
        var fraction = (BinaryPrimitives.ReadUInt64BigEndian(hash) >> 11) / (double)(1UL << 53);
        return fraction < share;
    }

    /// <summary>Every sampled review with its second review, if made; reviews of different cases never pair.</summary>
    public static IReadOnlyList<ReviewPair> Pair(IEnumerable<ReviewRef> reviews, double share)
    {
        var pairs = new List<ReviewPair>();
        foreach (var history in reviews.GroupBy(r => r.WorkflowId))
        {
            ReviewRef? awaiting = null;
            foreach (var review in history.OrderBy(r => r.Id))
            {
                if (awaiting is { } first && !string.Equals(first.Reviewer, review.Reviewer, StringComparison.Ordinal))
                {
                    pairs.Add(new ReviewPair(first, review));
                    awaiting = null;
                    continue;
                }
                if (Sampled(review.Id, share)) awaiting = review;
            }
            if (awaiting is { } open) pairs.Add(new ReviewPair(open, null));
        }
        return [.. pairs.OrderBy(p => p.First.Id)];
    }
}
