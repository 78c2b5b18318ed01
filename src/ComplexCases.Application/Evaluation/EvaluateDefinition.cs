using ComplexCases.Application.Audit;
using ComplexCases.Application.Storage;
using ComplexCases.Data.Providers;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.Evaluation;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Screening;

namespace ComplexCases.Application.Evaluation;

/// <summary>What an analyst asks: how did this definition's lists of past months compare with what happened next?</summary>
/// <param name="Definition">A definition file, or the id of a stored (or shipped) definition.</param>
/// <param name="Types">Null: every type but DEATH.</param>
/// <param name="FollowUpUntil">Null: the latest outcome date imported.</param>
public sealed record EvaluateRequest(string? Database, string Definition, int WindowMonths, IReadOnlyList<OutcomeType>? Types = null, DateOnly? FollowUpUntil = null)
{
    public string Actor { get; init; } = "cli";
}

/// <summary>One month of the cohort.</summary>
public sealed record EvaluatedRun(int RunId, DateOnly AsOf, string DefinitionId, int DefinitionVersion, bool Rescreened, long PersonMonths, long Listed, long Outcomes);

/// <summary>The evaluation (outcomes.md, "From the command line").</summary>
public sealed record EvaluationReport(
    string DefinitionId,
    int DefinitionVersion,
    string DefinitionSha256,
    int WindowMonths,
    IReadOnlyList<OutcomeType> Types,
    DateOnly FollowUpUntil,
    IReadOnlyList<EvaluatedRun> Runs,
    EvaluationFigures Figures);

/// <summary>
/// <c>complexcases evaluate</c>: for a definition d, a window W, types T and a follow-up limit F, every screening date D
/// with a stored run and D + W months ≤ F gives one person-month per person screened then (the newest run for D says
/// who), scored and listed by d on their records for D; its outcome is whether the person had an outcome of a type in T
/// with D &lt; occurred_on ≤ D + W months. Audited: it combines outcomes with screening results.
/// </summary>
public sealed class EvaluateDefinition(AuditLog audit, IStoreProvider provider)
{
    public const int MaxWindowMonths = 120;
    public const string Purpose = "evaluating a complex-case definition against outcomes";

    public UseCaseResult<EvaluationReport> Run(EvaluateRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.WindowMonths is < 1 or > MaxWindowMonths)
            return UseCaseResult<EvaluationReport>.Invalid($"--window: {request.WindowMonths} is not a number of months from 1 to {MaxWindowMonths}");
        var types = (request.Types is { Count: > 0 } t ? t : OutcomeTypes.Default).Distinct().Order().ToList();
        var target = ExistingDatabase.Resolve(provider, request.Database);
        if (!target.Succeeded) return target.ErrorAs<EvaluationReport>();
        try
        {
            using var db = target.Value.Open();
            var definition = DefinitionSource.Resolve(db, request.Definition);
            if (!definition.Succeeded) return definition.ErrorAs<EvaluationReport>();
            var d = definition.Value.Definition;
            var followUpUntil = request.FollowUpUntil ?? OutcomeHistory.Latest(db);
            if (followUpUntil is not { } limit)
                return UseCaseResult<EvaluationReport>.Invalid("no outcomes have been imported (complexcases outcomes import), and no --follow-up-until was given");

            var months = new StoredMonths(db, provider);
            var history = OutcomeHistory.Load(db, types);
            var scores = new ScoreHistogram();
            long personMonths = 0, listed = 0, listedWithOutcome = 0;
            var runs = new List<EvaluatedRun>();
            var people = new HashSet<Crn>();
            var used = months.NewestRunPerDate().Where(r => r.AsOf.AddMonths(request.WindowMonths) <= limit).ToList();
            var screenedAll = months.ScreenAll(used, [d], cancellationToken);
            if (!screenedAll.Succeeded) return screenedAll.ErrorAs<EvaluationReport>();
            foreach (var month in screenedAll.Value.Select(m => m[0]))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var run = month.Run;
                var until = run.AsOf.AddMonths(request.WindowMonths);
                long monthListed = 0, monthOutcomes = 0;
                for (var i = 0; i < month.Count; i++)
                {
                    var outcome = history.HasOutcome(month.Crns[i], run.AsOf, until);
                    var isListed = month.Outcomes[i].Status == ScreeningStatus.Complex;
                    scores.Add(month.Outcomes[i].Score, outcome);
                    if (isListed) monthListed++;
                    if (outcome) monthOutcomes++;
                    if (isListed && outcome) listedWithOutcome++;
                    people.Add(month.Crns[i]);
                }
                personMonths += month.Count;
                listed += monthListed;
                runs.Add(new EvaluatedRun(run.Id, run.AsOf, run.DefinitionId, run.DefinitionVersion, month.Rescreened, month.Count, monthListed, monthOutcomes));
            }
            var report = new EvaluationReport(d.Id, d.Version, definition.Value.Sha256, request.WindowMonths, types, limit, runs,
                EvaluationFigures.Compute(personMonths, listed, scores, listedWithOutcome));

            audit.Append(db, new AuditEntryRequest(request.Actor, AuditAction.Combination, AuditEventTypes.DefinitionEvaluated, Purpose)
            {
                Subjects = AuditSubjects.Of(people),
                Details = new AuditDetails()
                    .Add("definitionId", d.Id).Add("definitionVersion", d.Version).Add("window", request.WindowMonths)
                    .Add("types", string.Join(",", types.Select(x => x.ToKey()))).Add("followUpUntil", limit)
                    .Add("runs", string.Join(",", runs.Select(r => r.RunId))).Add("personMonths", personMonths).ToString(),
            });
            return UseCaseResult<EvaluationReport>.Ok(report);
        }
        catch (Exception ex) when (provider.IsUnusableTarget(ex))
        {
            return UseCaseResult<EvaluationReport>.Invalid($"cannot use the database ({target.Value.Description}): {ex.GetBaseException().Message}");
        }
        catch (OperationCanceledException)
        {
            return UseCaseResult<EvaluationReport>.Failed("the evaluation was cancelled");
        }
    }
}
