using ComplexCases.Application.Audit;
using ComplexCases.Application.Storage;
using ComplexCases.Data.Providers;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Screening;

namespace ComplexCases.Application.Evaluation;

public sealed record CompareRequest(string? Database, string DefinitionA, string DefinitionB, DateOnly? From = null, DateOnly? To = null)
{
    public string Actor { get; init; } = "cli";
}

/// <summary>
/// <c>complexcases compare</c> (issue 14): two definitions side by side over the stored months, per PDU and month —
/// who each lists, who B adds or drops and which criteria make the difference, the combinations of criteria met by the
/// listed, sensitivity to the threshold (4 to 8) and to each criterion being dropped, and month-to-month stability.
/// Months come from <see cref="StoredMonths"/>: no extract is read again.
/// </summary>
public sealed class CompareDefinitions(AuditLog audit, IStoreProvider provider)
{
    public const string Purpose = "comparing complex-case definitions over stored months";

    public UseCaseResult<ComparisonReport> Run(CompareRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.From is { } f && request.To is { } t && f > t)
            return UseCaseResult<ComparisonReport>.Invalid($"--from {f:yyyy-MM-dd} is after --to {t:yyyy-MM-dd}");
        var target = ExistingDatabase.Resolve(provider, request.Database);
        if (!target.Succeeded) return target.ErrorAs<ComparisonReport>();
        try
        {
            using var db = target.Value.Open();
            var a = DefinitionSource.Resolve(db, request.DefinitionA, "--definition (first)");
            if (!a.Succeeded) return a.ErrorAs<ComparisonReport>();
            var b = DefinitionSource.Resolve(db, request.DefinitionB, "--definition (second)");
            if (!b.Succeeded) return b.ErrorAs<ComparisonReport>();
            var months = new StoredMonths(db, provider);
            var runs = months.NewestRunPerDate().Where(r => (request.From is null || r.AsOf >= request.From) && (request.To is null || r.AsOf <= request.To)).ToList();

            var counter = new ComparisonCounter(a.Value.Definition, b.Value.Definition);
            var everyone = new HashSet<Crn>();
            var screened = months.ScreenAll(runs, [a.Value.Definition, b.Value.Definition], cancellationToken);
            if (!screened.Succeeded) return screened.ErrorAs<ComparisonReport>();
            foreach (var pair in screened.Value)
            {
                cancellationToken.ThrowIfCancellationRequested();
                counter.Next(pair[0], pair[1]);
                everyone.UnionWith(pair[0].Crns);
            }
            var report = counter.Report(request.From, request.To);

            audit.Append(db, new AuditEntryRequest(request.Actor, AuditAction.Combination, AuditEventTypes.DefinitionsCompared, Purpose)
            {
                Subjects = AuditSubjects.Of(everyone),
                Details = new AuditDetails()
                    .Add("definitionA", $"{a.Value.Definition.Id} v{a.Value.Definition.Version}")
                    .Add("definitionB", $"{b.Value.Definition.Id} v{b.Value.Definition.Version}")
                    .Add("from", request.From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "")
                    .Add("to", request.To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "")
                    .Add("runs", string.Join(",", runs.Select(r => r.Id))).ToString(),
            });
            return UseCaseResult<ComparisonReport>.Ok(report);
        }
        catch (Exception ex) when (provider.IsUnusableTarget(ex))
        {
            return UseCaseResult<ComparisonReport>.Invalid($"cannot use the database ({target.Value.Description}): {ex.GetBaseException().Message}");
        }
        catch (OperationCanceledException)
        {
            return UseCaseResult<ComparisonReport>.Failed("the comparison was cancelled");
        }
    }
}
