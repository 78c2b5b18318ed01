using System.Globalization;
using ComplexCases.Application;
using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Cases;
using ComplexCases.Application.Definitions;
using ComplexCases.Application.Lists;
using ComplexCases.Application.Screening;
using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.Screening;
using ComplexCases.Web.Api;
using ComplexCases.Web.Cases;
using ComplexCases.Web.Runs;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

// In the app's root namespace so Program.cs needs no extra using for MapComplexCasesApi and StatusForApi.
namespace ComplexCases.Web;

/// <summary>
/// The same data as the pages, as JSON under <c>/api</c>: the same permissions (one policy per permission), the same
/// scoping, the same pseudonyms and the same audit entries. Described by the OpenAPI document (<c>/openapi/v1.json</c>).
/// </summary>
internal static class ComplexCasesApi
{
    public const string Prefix = "/api";

    /// <summary>Where the OpenAPI document is served (<c>/openapi/v1.json</c>).</summary>
    public const string DocumentPrefix = "/openapi";

    /// <summary>
    /// Whether a request is for the API or for its description: both are for scripts, so both take a personal access token,
    /// answer refusals and failures as problem details rather than pages, and count against the API's rate limit. A script
    /// author generating a client from the document holds a token, not a browser session.
    /// </summary>
    public static bool Serves(PathString path) =>
        path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments(DocumentPrefix, StringComparison.OrdinalIgnoreCase);


    public static IEndpointRouteBuilder MapComplexCasesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).WithTags("Complex cases").RequireRateLimiting(Operations.RateLimits.ApiPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapGet("/lists/{pdu}", GetMonthlyList)
            .RequireAuthorization(nameof(Permission.ViewMonthlyList))
            .WithName("GetMonthlyList")
            .WithSummary("A PDU's monthly list: counts, one page of cases, paging")
            .WithDescription("Filtered, sorted and paged like the list page, scoped to the cases the caller may see. " +
                "Callers who may not see names get pseudonyms (P-…) instead of CRNs and no names. Audited as list.viewed.")
            .Produces<MonthlyListResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/cases/{crn}", GetCase)
            .RequireAuthorization(nameof(Permission.ViewCaseNames))
            .WithName("GetCase")
            .WithSummary("One listed case: who, why listed (with evidence), and month by month")
            .WithDescription("The case as listed in the given run (default: its latest listing). A case that is not listed, " +
                "not visible to the caller or not a CRN is 404 without data; a refused request is audited as access.denied, " +
                "a shown case as case.viewed.")
            .Produces<CaseResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/runs", GetRuns)
            .RequireAuthorization(nameof(Permission.ViewRuns))
            .WithName("GetRuns")
            .WithSummary("Past screening runs with their counts (latest first)")
            .Produces<IReadOnlyList<RunResponse>>();

        api.MapGet("/runs/{id:int}/rejections", GetRunRejections)
            .RequireAuthorization(nameof(Permission.ViewRejectedRows))
            .WithName("GetRunRejections")
            .WithSummary("One page of a run's rejected rows (100 a page), of every file or one, in file and line order")
            .WithDescription("As the run page /runs/{id} shows them: where (file, line, column), why (reason, detail) and the value " +
                "as stored, masked where personal. file must be one of the run's files (empty or absent: every file); page " +
                "runs from 1 to the last page. An unknown run is 404. Audited as run.rejections_viewed when rows are returned.")
            .Produces<RejectedRowsResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/runs/progress/{jobId:guid}", GetRunProgress)
            .RequireAuthorization(nameof(Permission.RunScreening))
            .WithName("GetRunProgress")
            .WithSummary("How far a screening started from the browser has got; then its totals, or why it failed")
            .WithDescription("For scripts following an upload (the page /runs/progress/{jobId} shows the same). Only the user who " +
                "started the run sees it: anyone else, and an unknown or expired job, gets 404. Status is queued, running, " +
                "succeeded, failed, or needs_acceptance (the month differs from the previous one beyond the limits: figures lists them; " +
                "its starter accepts it, with a reason, on the progress page); percent is of the current stage.")
            .Produces<RunProgressResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/runs/requests/{jobId:guid}", GetRunProgress)
            .RequireAuthorization(nameof(Permission.RunScreening))
            .WithName("GetRunRequest")
            .WithSummary("An uploaded month's screening request: queued, running, or done with its run and counts, or why it failed")
            .WithDescription("Where POST /api/runs points (Location). The same answer as /api/runs/progress/{jobId}: status queued, running, " +
                "succeeded (result: the run id and counts), failed (error: why, such as the extract's rejection), or needs_acceptance " +
                "(figures: what differs from the previous month beyond the limits). Only its uploader sees it; anyone else gets 404.")
            .Produces<RunProgressResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        // Token only: a browser uploads at /runs/new, whose form carries an antiforgery token. Refusing the cookie here means
        // this endpoint needs no antiforgery check: a cross-site page cannot make the browser send a bearer token.
        api.MapPost("/runs", PostRun)
            .RequireAuthorization(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute(nameof(Permission.RunScreening))
            {
                AuthenticationSchemes = SignIn.ApiTokenAuthentication.Scheme,
            })
            .DisableAntiforgery()
            .Accepts<RunUploadForm>("multipart/form-data")
            .WithName("PostRun")
            .WithSummary("Upload a month's extract and queue its screening (personal access token only)")
            .WithDescription("multipart/form-data with files (one zip of the extract, or its CSV files), asOf (yyyy-MM-dd) and " +
                "definition (optional: none means the one adopted for the month of asOf, resolved when the run starts; or a stored version as id@version, or a shipped definition's id). Checked as the page /runs/new checks it: a bad upload is 400 " +
                "naming each field that is wrong, over the upload limit 413, and nothing is stored. Accepted: 202 with the request " +
                "id and a Location to poll (GET /api/runs/requests/{jobId}). A signed-in browser session is refused (401): use /runs/new.")
            .Produces<RunRequestAccepted>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        api.MapGet("/definitions", GetDefinitions)
            .RequireAuthorization(nameof(Permission.ViewDefinitions))
            .WithName("GetDefinitions")
            .WithSummary("The complex-case definitions runs have used, with their criteria, weights and thresholds")
            .Produces<IReadOnlyList<DefinitionResponse>>();

        return app;
    }

    private static async Task<Results<Ok<MonthlyListResponse>, ValidationProblem, ProblemHttpResult>> GetMonthlyList(
        HttpContext context, ShowMonthlyList show, Pseudonymiser pseudonyms,
        string pdu,
        [FromQuery] string? run, [FromQuery] string? status, [FromQuery] string? change, [FromQuery] string? team,
        [FromQuery] string? practitioner, [FromQuery] string? criterion, [FromQuery] string? sort,
        [FromQuery] string? page, [FromQuery] string? pageSize)
    {
        var asked = new MonthlyListAsked(pdu)
        {
            Run = run, Status = status, Change = change, Team = team, Practitioner = practitioner, Criterion = criterion, Sort = sort,
            Page = page, PageSize = pageSize,
        };
        var result = await show.RunAsync(CurrentUser.Require(context), asked, ReadChannel.Api);
        return result.ToHttp(view =>
        {
            var (list, names) = (view.List, view.ShowNames);
            var rows = list.Rows.Select(r => new MonthlyListRowResponse(
                names ? r.Crn : pseudonyms.For(Domain.People.Crn.Parse(r.Crn)), !names,
                names ? r.Forename : null, names ? r.Surname : null, r.TeamName,
                names ? r.PractitionerName : null, names ? r.SpoName : null,
                r.Status, r.Change, r.Score, Criteria(r.MetMask), Criteria(r.UnknownMask), r.MonthsListed, r.LimitedAccess)).ToList();
            return new MonthlyListResponse(
                RunRef(list.Run), list.PduCode, list.PduName, names,
                new ListCounts(list.Complex, list.PossiblyComplex, list.New, list.Continuing, list.Left),
                new Paging(list.Page, list.PageSize, list.TotalMatching, list.PageCount),
                rows,
                [.. list.Teams.Select(t => new CodeAndName(t.Code, t.Name))],
                [.. list.Practitioners.Select(p => new CodeAndName(p.Code, names ? p.Name : null))]);
        });
    }

    private static async Task<Results<Ok<CaseResponse>, ValidationProblem, ProblemHttpResult>> GetCase(
        HttpContext context, OpenCase open, string crn, [FromQuery] string? run)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var runId = WholeNumber(run, "run", "Run", errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: ResultToHttp.InvalidTitle);

        // Bound as text and parsed here, not bound as a Crn: a route value that fails to bind is a 400, and a CRN that is not one
        // is a case not found, 404 like one not listed or out of reach, with nothing to audit.
        if (RequestCrn.From(crn) is not { } parsed) return ResultToHttp.Problem(UseCaseResult<CaseDetails>.NotFound());
        var result = await open.RunAsync(CurrentUser.Require(context), parsed, runId, ReadChannel.Api);
        return result.ToHttp(details =>
        {
            var c = details.Listed;
            return new CaseResponse(
                c.Crn, c.Forename, c.Surname, c.PduCode, c.PduName, c.TeamCode, c.TeamName, c.PractitionerName, c.SpoName, c.LimitedAccess,
                RunRef(details.Run), (ScreeningStatus)c.Status, c.Score, (ListChange)c.Change, c.MonthsListed,
                [.. details.Explanation.Select(e => new ExplanationResponse(e.Criterion.ToKey(), e.Label, e.Outcome, e.Reason,
                    e.Evidence is { } ev ? new EvidenceResponse(ev.File, ev.Line, ev.Key, ev.Date, ev.Value, ev.Rejected) : null))],
                [.. details.NeedsAttention.Select(e => e.Criterion.ToKey())],
                [.. details.History.Select(h => new CaseMonthResponse(h.RunId, h.AsOf, h.Status, h.Score, Criteria(h.MetMask), Criteria(h.UnknownMask), h.Change))]);
        });
    }

    private static Ok<IReadOnlyList<RunResponse>> GetRuns(RunHistory runs) =>
        TypedResults.Ok<IReadOnlyList<RunResponse>>(runs.Latest()
            .Select(r => new RunResponse(r.Id, r.AsOf, r.DefinitionId, r.DefinitionVersion, r.Threshold, r.RowsRead, r.RowsAccepted, r.RowsRejected,
                r.People, r.Complex, r.PossiblyComplex, r.Left, r.StartedAt, r.CompletedAt, r.RunBy, Incomplete(r)))
            .ToList());

    private static async Task<Results<Ok<RejectedRowsResponse>, ValidationProblem, ProblemHttpResult>> GetRunRejections(
        HttpContext context, ShowRunRejections runs, int id, [FromQuery] string? file, [FromQuery] string? page)
    {
        var found = runs.FindRun(id);
        if (!found.Succeeded) return ResultToHttp.Problem(found);
        var details = found.Value;
        var result = await runs.RejectionsAsync(CurrentUser.Require(context), details, file, page, ReadChannel.Api);
        return result.ToHttp(rejections => new RejectedRowsResponse(
            RunRef(details.Run), rejections.File,
            new Paging(rejections.Page, rejections.PageSize, rejections.Total, rejections.PageCount),
            [.. details.Files.Select(f => new RunFileResponse(f.FileName, f.Present, f.RowsRead, f.RowsAccepted, f.RowsRejected))],
            [.. rejections.Rows.Select(r => new RejectedRowResponse(r.FileName, r.Line, r.Column, r.Reason, r.Detail, r.Value))],
            Incomplete(details.Run)));
    }

    private static IncompleteRecordsResponse Incomplete(ComplexCases.Data.Screening.ScreeningRun run) =>
        new(run.IncompleteRecordsCounted, run.IncompleteRecordsPeople, run.IncompleteRecordsCriteriaUnknown, run.IncompleteRecordsListed);

    private static Results<Ok<RunProgressResponse>, ProblemHttpResult> GetRunProgress(HttpContext context, ScreeningJobs jobs, Guid jobId)
    {
        var job = jobs.Find(jobId, CurrentUser.Require(context).Id);
        if (job is null) return NotFound();
        var state = job.State;
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new RunProgressResponse(job.Id, state.Status, state.Stage, state.Percent, jobs.Ahead(job),
            state.Result is { } r
                ? new RunProgressResult(r.RunId, r.AlreadyStored, r.AsOf, r.DefinitionId, r.DefinitionVersion, r.People, r.Complex, r.PossiblyComplex, r.RowsRejected, r.Sentence)
                : null,
            state.Error, state.Refusal?.Figures));
    }

    private static async Task<Results<Accepted<RunRequestAccepted>, ValidationProblem, ProblemHttpResult>> PostRun(HttpContext context, ExtractUpload upload)
    {
        var request = context.Request;
        if (!request.HasFormContentType)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["files"] = ["Send the extract as multipart/form-data: files, asOf and definition"] },
                title: ResultToHttp.InvalidTitle);
        var limit = upload.Limit;
        if (request.ContentLength > limit.Bytes) return TooLarge(upload);
        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body) body.MaxRequestBodySize = limit.Bytes;
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions { MultipartBodyLengthLimit = limit.Bytes }, context.RequestAborted);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            return TooLarge(upload);
        }
        var queued = upload.Queue(CurrentUser.Require(context).Id, form.Files, form["asOf"], form["definition"]);
        if (!queued.Succeeded)
            return TypedResults.ValidationProblem(queued.Errors.GroupBy(e => FormName(e.Field))
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal), title: ResultToHttp.InvalidTitle);
        var location = $"{Prefix}/runs/requests/{queued.Value.Id:D}";
        return TypedResults.Accepted(location, new RunRequestAccepted(queued.Value.Id, queued.Value.State.Status, location));
    }

    private static ProblemHttpResult TooLarge(ExtractUpload upload) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large", detail: upload.TooLargeMessage);

    /// <summary>The API's name for an upload field (the form's, in camel case as the rest of the API).</summary>
    private static string FormName(string field) => field.Length == 0 ? "files" : char.ToLowerInvariant(field[0]) + field[1..];

    private static Ok<IReadOnlyList<DefinitionResponse>> GetDefinitions(DefinitionUsage definitions) =>
        TypedResults.Ok<IReadOnlyList<DefinitionResponse>>([.. definitions.All().Select(x =>
        {
            var d = x.Definition;
            return new DefinitionResponse(d.Id, d.Title, d.Version, d.EffectiveFrom, d.Threshold, d.AssessmentLookBackMonths,
                [.. d.Criteria.Select(c => new DefinitionCriterionResponse(c.Id.ToKey(), c.Label, c.Weight))],
                x.Runs, x.LastUsed);
        })]);

    /// <summary>401 and 403 for API paths, as problem details, instead of the cookie's redirects to the sign-in and forbidden pages.</summary>
    public static Func<Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>, Task>
        StatusForApi(int statusCode, Func<Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>, Task> otherwise) =>
        context =>
        {
            if (!Serves(context.Request.Path)) return otherwise(context);
            if (statusCode == StatusCodes.Status401Unauthorized) context.Response.Headers.WWWAuthenticate = "Bearer";
            return ApiProblems.WriteAsync(context.HttpContext, statusCode,
                statusCode == StatusCodes.Status401Unauthorized ? ApiProblems.NotSignedInDetail : ApiProblems.ForbiddenDetail(context.HttpContext));
        };

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found");

    private static int? WholeNumber(string? value, string key, string label, Dictionary<string, string[]> errors)
    {
        if (value is null) return null;
        if (int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)) return number;
        errors[key] = [$"{label} must be a whole number"];
        return null;
    }

    private static ApiRunRef RunRef(Data.Screening.ScreeningRun run) => new(run.Id, run.AsOf, run.DefinitionId, run.DefinitionVersion);

    private static string[] Criteria(byte mask) => [.. CriterionIds.InMask(mask).Select(c => c.ToKey())];
}
