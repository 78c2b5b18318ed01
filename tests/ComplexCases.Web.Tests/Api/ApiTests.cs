using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ComplexCases.Application.Access;
using ComplexCases.Data;
using ComplexCases.Data.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Web.Tests.Api;

/// <summary>The JSON API under /api: the pages' data, permissions, scoping, pseudonyms, validation and audit.</summary>
public sealed partial class ApiTests(DemoSiteFactory site) : IClassFixture<DemoSiteFactory>
{
    private const string Pdu = "EOENFK";

    public static TheoryData<string> Roles => ["practitioner", "spo", "head-of-pdu", "panel-team", "panel-member", "qdo", "analyst", "admin"];

    private static readonly Dictionary<string, Role> RoleOf = new()
    {
        ["practitioner"] = Role.Practitioner, ["spo"] = Role.Spo, ["head-of-pdu"] = Role.HeadOfPdu, ["panel-team"] = Role.PanelTeam,
        ["panel-member"] = Role.PanelMember, ["qdo"] = Role.Qdo, ["analyst"] = Role.Analyst, ["admin"] = Role.Administrator,
    };

    // ---- monthly list ----

    [Fact]
    public async Task MonthlyList_HeadOfPdu_GivesCountsRowsAndPagingAsCamelCaseJsonWithSnakeCaseEnums()
    {
        var client = await site.SignInAsync("head-of-pdu");

        var response = await client.GetAsync($"/api/lists/{Pdu}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        using var json = await JsonAsync(response);
        var root = json.RootElement;
        root.GetProperty("pduCode").GetString().ShouldBe(Pdu);
        root.GetProperty("namesShown").GetBoolean().ShouldBeTrue();
        var counts = root.GetProperty("counts");
        (counts.GetProperty("complex").GetInt32() + counts.GetProperty("possiblyComplex").GetInt32()).ShouldBeGreaterThan(0);
        root.GetProperty("paging").GetProperty("page").GetInt32().ShouldBe(1);
        root.GetProperty("paging").GetProperty("pageSize").GetInt32().ShouldBe(25);
        root.GetProperty("paging").GetProperty("totalMatching").GetInt32().ShouldBeGreaterThan(0);
        var rows = root.GetProperty("rows").EnumerateArray().ToList();
        rows.ShouldNotBeEmpty();
        rows.Count.ShouldBeLessThanOrEqualTo(25);
        foreach (var row in rows)
        {
            CrnPattern().IsMatch(row.GetProperty("crn").GetString()!).ShouldBeTrue();
            row.GetProperty("pseudonymised").GetBoolean().ShouldBeFalse();
            row.GetProperty("status").GetString().ShouldBeOneOf("complex", "possibly_complex", "not_listed");
            row.GetProperty("change").GetString().ShouldBeOneOf("new", "continuing", "left");
        }
        rows.ShouldContain(r => r.GetProperty("surname").ValueKind == JsonValueKind.String);
    }

    [Fact]
    public async Task MonthlyList_FilteredSortedAndPaged_HonoursTheQuery()
    {
        var client = await site.SignInAsync("head-of-pdu");

        using var json = await JsonAsync(await client.GetAsync($"/api/lists/{Pdu}?status=complex&sort=score&page=1&pageSize=7"));

        var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToList();
        rows.Count.ShouldBeInRange(1, 7);
        rows.ShouldAllBe(r => r.GetProperty("status").GetString() == "complex");
        var scores = rows.Select(r => r.GetProperty("score").GetInt32()).ToList();
        scores.ShouldBe(scores.OrderByDescending(s => s).ToList());
        json.RootElement.GetProperty("paging").GetProperty("pageSize").GetInt32().ShouldBe(7);
    }

    [Fact]
    public async Task MonthlyList_Viewed_IsAuditedWithTheCrnsReturned()
    {
        var client = await site.SignInAsync("head-of-pdu");

        using var json = await JsonAsync(await client.GetAsync($"/api/lists/{Pdu}?pageSize=10&sort=surname"));

        var returned = json.RootElement.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("crn").GetString()!).ToList();
        returned.ShouldNotBeEmpty();
        using var db = OpenDatabase();
        var entry = db.Set<StoredAuditEvent>().Where(e => e.EventType == "list.viewed").OrderBy(e => e.Sequence).ToList().Last();
        entry.Actor.ShouldStartWith("head-of-pdu");
        foreach (var crn in returned) entry.SubjectCrns!.ShouldContain(crn);
    }

    [Theory]
    [InlineData("run=abc", "run", "Run must be a whole number")]
    [InlineData("page=abc", "page", "Page must be a whole number")]
    [InlineData("page=0", "page", "Page must be 1 or more")]
    [InlineData("pageSize=many", "pageSize", "Page size must be a whole number")]
    [InlineData("pageSize=0", "pageSize", "Page size must be between 1 and 200")]
    [InlineData("pageSize=201", "pageSize", "Page size must be between 1 and 200")]
    [InlineData("status=urgent", "status", "Status must be complex or possibly_complex")]
    [InlineData("change=gone", "change", "Change must be new, continuing or left")]
    [InlineData("criterion=height", "criterion", "Criterion must be one of rosh, mental_health")]
    [InlineData("sort=random", "sort", "Sort must be one of crn, surname, score, practitioner, months")]
    public async Task MonthlyList_InvalidParameter_Is400ProblemNamingIt(string query, string parameter, string message)
    {
        var client = await site.SignInAsync("head-of-pdu");

        var response = await client.GetAsync($"/api/lists/{Pdu}?{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var json = await JsonAsync(response);
        var errors = json.RootElement.GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe([parameter]);
        errors.GetProperty(parameter)[0].GetString()!.ShouldStartWith(message);
        json.RootElement.GetRawText().ShouldNotContain("   at ");
    }

    [Fact]
    public async Task MonthlyList_SeveralInvalidParameters_NamesEachOne()
    {
        var client = await site.SignInAsync("head-of-pdu");

        using var json = await JsonAsync(await client.GetAsync($"/api/lists/{Pdu}?status=x&change=y&sort=z&page=-1"));

        json.RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order()
            .ShouldBe(["change", "page", "sort", "status"]);
    }

    [Fact]
    public async Task MonthlyList_UnknownPdu_Is404Problem()
    {
        var client = await site.SignInAsync("head-of-pdu");

        var response = await client.GetAsync("/api/lists/NOPDU");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task MonthlyList_Practitioner_GetsOnlyTheirOwnCases()
    {
        var (own, _) = CasesOfTheDemoPractitioner();
        var client = await site.SignInAsync("practitioner");

        using var json = await JsonAsync(await client.GetAsync($"/api/lists/{Pdu}?pageSize=200"));

        var returned = json.RootElement.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("crn").GetString()!).ToList();
        returned.ShouldNotBeEmpty();
        returned.ShouldAllBe(crn => own.Contains(crn));
        json.RootElement.GetProperty("paging").GetProperty("totalMatching").GetInt32().ShouldBe(own.Count);
    }

    [Fact]
    public async Task MonthlyList_Analyst_GetsPseudonymsAndNoNamesOrCrns()
    {
        var client = await site.SignInAsync("analyst");

        var response = await client.GetAsync($"/api/lists/{Pdu}?pageSize=50");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadAsStringAsync();
        CrnPattern().IsMatch(body).ShouldBeFalse();
        using var json = JsonDocument.Parse(body);
        json.RootElement.GetProperty("namesShown").GetBoolean().ShouldBeFalse();
        var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToList();
        rows.ShouldNotBeEmpty();
        foreach (var row in rows)
        {
            row.GetProperty("crn").GetString()!.ShouldStartWith("P-");
            row.GetProperty("pseudonymised").GetBoolean().ShouldBeTrue();
            foreach (var name in new[] { "forename", "surname", "practitionerName", "spoName" })
                row.GetProperty(name).ValueKind.ShouldBe(JsonValueKind.Null);
        }
        json.RootElement.GetProperty("practitioners").EnumerateArray()
            .ShouldAllBe(p => p.GetProperty("name").ValueKind == JsonValueKind.Null);
    }

    // ---- case ----

    [Fact]
    public async Task Case_HeadOfPdu_GivesIdentityExplanationWithEvidenceAndHistory_AndIsAudited()
    {
        var (own, _) = CasesOfTheDemoPractitioner();
        var crn = own.First();
        var client = await site.SignInAsync("head-of-pdu");

        var response = await client.GetAsync($"/api/cases/{crn}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = await JsonAsync(response);
        var root = json.RootElement;
        root.GetProperty("crn").GetString().ShouldBe(crn);
        root.GetProperty("pduCode").GetString().ShouldBe(Pdu);
        root.GetProperty("status").GetString().ShouldBeOneOf("complex", "possibly_complex", "not_listed");
        root.GetProperty("change").GetString().ShouldBeOneOf("new", "continuing", "left");
        root.GetProperty("monthsListed").GetInt32().ShouldBeGreaterThanOrEqualTo(0);
        var explanation = root.GetProperty("explanation").EnumerateArray().ToList();
        explanation.Select(e => e.GetProperty("criterion").GetString()).ShouldContain("rosh");
        explanation.ShouldAllBe(e => new[] { "met", "not_met", "unknown" }.Contains(e.GetProperty("outcome").GetString()));
        explanation.ShouldContain(e => e.GetProperty("evidence").ValueKind == JsonValueKind.Object);
        root.GetProperty("history").EnumerateArray().ShouldNotBeEmpty();
        using var db = OpenDatabase();
        db.Set<StoredAuditEvent>().Where(e => e.EventType == "case.viewed").ToList()
            .ShouldContain(e => e.SubjectCrns != null && e.SubjectCrns.Contains(crn) && e.Actor.StartsWith("head-of-pdu"));
    }

    [Fact]
    public async Task Case_PractitionerOwnCase_IsShown()
    {
        var (own, _) = CasesOfTheDemoPractitioner();
        var client = await site.SignInAsync("practitioner");

        var response = await client.GetAsync($"/api/cases/{own.First()}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Case_PractitionerGuessingAnotherPractitionersCase_Is404WithoutDataAndAudited()
    {
        var (_, someoneElses) = CasesOfTheDemoPractitioner();
        var client = await site.SignInAsync("practitioner");

        var response = await client.GetAsync($"/api/cases/{someoneElses}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldNotContain(someoneElses);
        body.ShouldNotContain("surname", Case.Insensitive);
        using var db = OpenDatabase();
        db.Set<StoredAuditEvent>().ToList()
            .ShouldContain(e => e.EventType == "access.denied" && e.SubjectCrns != null && e.SubjectCrns.Contains(someoneElses) && e.Actor.StartsWith("practitioner"));
    }

    [Theory]
    [InlineData("/api/cases/not-a-crn")]
    [InlineData("/api/cases/E999999")]
    public async Task Case_MalformedOrNotListed_Is404Problem(string path)
    {
        var client = await site.SignInAsync("head-of-pdu");

        var response = await client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Case_NonNumericRun_Is400NamingRun()
    {
        var (own, _) = CasesOfTheDemoPractitioner();
        var client = await site.SignInAsync("head-of-pdu");

        var response = await client.GetAsync($"/api/cases/{own.First()}?run=latest");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var json = await JsonAsync(response);
        json.RootElement.GetProperty("errors").GetProperty("run")[0].GetString().ShouldBe("Run must be a whole number");
    }

    // ---- runs and definitions ----

    [Fact]
    public async Task Runs_Analyst_GetsRunsWithCounts()
    {
        var client = await site.SignInAsync("analyst");

        using var json = await JsonAsync(await client.GetAsync("/api/runs"));

        var runs = json.RootElement.EnumerateArray().ToList();
        runs.Count.ShouldBe(3);
        runs.ShouldAllBe(r => r.GetProperty("people").GetInt32() > 0 && r.GetProperty("complex").GetInt32() >= 0);
        runs.Select(r => r.GetProperty("asOf").GetString()).ShouldBe(runs.Select(r => r.GetProperty("asOf").GetString()).OrderDescending());
    }

    [Fact]
    public async Task Definitions_Practitioner_GetsDefinitionsWithCriteria()
    {
        var client = await site.SignInAsync("practitioner");

        using var json = await JsonAsync(await client.GetAsync("/api/definitions"));

        var definitions = json.RootElement.EnumerateArray().ToList();
        definitions.ShouldNotBeEmpty();
        definitions[0].GetProperty("threshold").GetInt32().ShouldBeGreaterThan(0);
        definitions[0].GetProperty("criteria").EnumerateArray().Select(c => c.GetProperty("criterion").GetString()).ShouldContain("mental_health");
        definitions[0].GetProperty("runs").GetInt32().ShouldBe(3);
    }

    // ---- authentication and authorisation ----

    [Theory]
    [InlineData("/api/lists/EOENFK")]
    [InlineData("/api/cases/E000001")]
    [InlineData("/api/runs")]
    [InlineData("/api/runs/1/rejections")]
    [InlineData("/api/definitions")]
    public async Task AnyEndpoint_Anonymous_Is401NotARedirect(string path)
    {
        var client = site.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.Location.ShouldBeNull();
    }

    [Theory]
    [InlineData("admin", "/api/lists/EOENFK")]
    [InlineData("analyst", "/api/cases/E000001")]
    [InlineData("practitioner", "/api/runs")]
    [InlineData("panel-member", "/api/lists/EOENFK")]
    public async Task Endpoint_RoleWithoutThePermission_Is403NotARedirect(string user, string path)
    {
        var client = await site.SignInAsync(user);

        var response = await client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Headers.Location.ShouldBeNull();
    }

    [Fact]
    public async Task Pages_Anonymous_StillRedirectToSignIn()
    {
        var client = site.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync("/lists/EOENFK");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/sign-in");
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task EveryEndpoint_EachRole_AllowedOrRefusedAsPermissionsSays(string user)
    {
        var (own, _) = CasesOfTheDemoPractitioner();
        var role = RoleOf[user];
        var client = await site.SignInAsync(user);

        foreach (var (path, permission) in new[]
        {
            ($"/api/lists/{Pdu}", Permission.ViewMonthlyList),
            ($"/api/cases/{own.First()}", Permission.ViewCaseNames),
            ("/api/runs", Permission.ViewRuns),
            ($"/api/runs/{LatestRunId()}/rejections", Permission.ViewRejectedRows),
            ("/api/definitions", Permission.ViewDefinitions),
        })
        {
            var response = await client.GetAsync(path);

            var expected = !Permissions.Has(role, permission) ? HttpStatusCode.Forbidden
                : Permissions.CaseScoped.Contains(permission) && Permissions.ScopeOf(role) == CaseScope.None ? HttpStatusCode.NotFound
                : HttpStatusCode.OK;
            response.StatusCode.ShouldBe(expected, $"{user} {path}");
        }
    }

    // ---- OpenAPI ----

    [Fact]
    public async Task OpenApiDocument_SignedIn_DescribesEveryEndpoint()
    {
        var client = await site.SignInAsync("analyst");

        var response = await client.GetAsync("/openapi/v1.json");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = await JsonAsync(response);
        var paths = json.RootElement.GetProperty("paths");
        foreach (var (path, operation) in new[]
        {
            ("/api/lists/{pdu}", "GetMonthlyList"), ("/api/cases/{crn}", "GetCase"), ("/api/runs", "GetRuns"), ("/api/definitions", "GetDefinitions"),
            ("/api/runs/progress/{jobId}", "GetRunProgress"), ("/api/runs/{id}/rejections", "GetRunRejections"),
        })
        {
            var get = paths.GetProperty(path).GetProperty("get");
            get.GetProperty("operationId").GetString().ShouldBe(operation);
            get.GetProperty("summary").GetString().ShouldNotBeNullOrWhiteSpace();
            get.GetProperty("responses").TryGetProperty("200", out _).ShouldBeTrue(path);
        }
        var list = paths.GetProperty("/api/lists/{pdu}").GetProperty("get");
        list.GetProperty("responses").TryGetProperty("400", out _).ShouldBeTrue();
        list.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString())
            .ShouldBe(["pdu", "run", "status", "change", "team", "practitioner", "criterion", "sort", "page", "pageSize"], ignoreOrder: true);
        var rejections = paths.GetProperty("/api/runs/{id}/rejections").GetProperty("get");
        rejections.GetProperty("responses").TryGetProperty("400", out _).ShouldBeTrue();
        rejections.GetProperty("responses").TryGetProperty("404", out _).ShouldBeTrue();
        rejections.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ShouldBe(["id", "file", "page"], ignoreOrder: true);
        var schemas = json.RootElement.GetProperty("components").GetProperty("schemas");
        schemas.GetProperty("ScreeningStatus").GetProperty("enum").EnumerateArray().Select(e => e.GetString())
            .ShouldBe(["not_listed", "possibly_complex", "complex"], ignoreOrder: true);
        schemas.GetProperty("CriterionOutcome").GetProperty("enum").EnumerateArray().Select(e => e.GetString())
            .ShouldBe(["not_met", "met", "unknown"], ignoreOrder: true);
    }

    [Fact]
    public async Task OpenApiDocument_Anonymous_IsNotServed()
    {
        var client = site.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync("/openapi/v1.json");

        response.StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }

    private int LatestRunId()
    {
        using var db = site.OpenDatabase();
        return db.Runs.Max(r => r.Id);
    }

    private static async Task<JsonDocument> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync());

    /// <summary>The demo practitioner's cases in the PDU's latest list, and one of someone else's there.</summary>
    private (HashSet<string> Own, string SomeoneElses) CasesOfTheDemoPractitioner()
    {
        using var db = OpenDatabase();
        var staff = db.Users.Single(u => u.UserName == "practitioner").StaffCode;
        var latest = db.Runs.Max(r => r.Id);
        var listed = db.ListedCases.Where(c => c.RunId == latest && c.PduCode == Pdu && !c.LimitedAccess).ToList();
        return (listed.Where(c => c.PractitionerCode == staff).Select(c => c.Crn).ToHashSet(),
            listed.First(c => c.PractitionerCode != staff).Crn);
    }

    private ComplexCasesDbContext OpenDatabase() => site.OpenDatabase();

    [GeneratedRegex("\\b[A-Z][0-9]{6}\\b")]
    private static partial Regex CrnPattern();
}
