using ComplexCases.Application;
using ComplexCases.Domain.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Tests.UseCases;

/// <summary>A use case's result is mapped to HTTP once for the pages and once for the API, with the same status codes.</summary>
public sealed class ResultMappingTests
{
    private static readonly DateTimeOffset Saved = new(2025, 3, 4, 10, 30, 0, TimeSpan.Zero);

    public static TheoryData<string, int> Refusals => new()
    {
        { nameof(UseCaseStatus.Invalid), StatusCodes.Status400BadRequest },
        { nameof(UseCaseStatus.Forbidden), StatusCodes.Status403Forbidden },
        { nameof(UseCaseStatus.NotFound), StatusCodes.Status404NotFound },
        { nameof(UseCaseStatus.Conflict), StatusCodes.Status409Conflict },
        { nameof(UseCaseStatus.Failed), StatusCodes.Status500InternalServerError },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void PagesAndApi_AnswerEachRefusalWithTheSameStatusCode(string status, int code)
    {
        var result = Refusal(Enum.Parse<UseCaseStatus>(status));

        ResultToPage.StatusCode(result.Status).ShouldBe(code);
        var answer = result.ToHttp(value => value);
        ((IStatusCodeHttpResult)answer.Result).StatusCode.ShouldBe(code);
    }

    [Fact]
    public void Api_Ok_IsTheResponseMadeFromTheValue()
    {
        var answer = UseCaseResult<int>.Ok(41).ToHttp(value => value + 1);

        answer.Result.ShouldBeOfType<Ok<int>>().Value.ShouldBe(42);
    }

    [Fact]
    public void Api_Invalid_NamesEachParameterWithItsMessages()
    {
        var result = UseCaseResult<int>.Invalid([new FieldError("page", "Page must be 1 or more"), new FieldError("sort", "Sort must be score or months")]);

        var problem = result.ToHttp(value => value).Result.ShouldBeOfType<ValidationProblem>();

        problem.ProblemDetails.Title.ShouldBe("The request has invalid parameters");
        problem.ProblemDetails.Errors["page"].ShouldBe(["Page must be 1 or more"]);
        problem.ProblemDetails.Errors["sort"].ShouldBe(["Sort must be score or months"]);
    }

    [Fact]
    public void Api_NotFound_SaysNothingMore()
    {
        var problem = UseCaseResult<int>.NotFound("There is no case with that CRN you can see.").ToHttp(value => value).Result.ShouldBeOfType<ProblemHttpResult>();

        problem.ProblemDetails.Title.ShouldBe("Not found");
        problem.ProblemDetails.Detail.ShouldBeNull();
    }

    [Fact]
    public void Api_Conflict_SaysWhoSavedFirstAndWhen()
    {
        var problem = UseCaseResult<int>.Conflicted("Updated by Sam while you were working on it.", "Sam", Saved)
            .ToHttp(value => value).Result.ShouldBeOfType<ProblemHttpResult>();

        problem.ProblemDetails.Detail.ShouldBe("Updated by Sam while you were working on it.");
        problem.ProblemDetails.Extensions["by"].ShouldBe("Sam");
        problem.ProblemDetails.Extensions["at"].ShouldBe(Saved);
    }

    [Fact]
    public void Page_Refused_ShowsTheUseCaseErrorsExceptWhereThePageHasItsOwn()
    {
        var page = new TestPage();
        var errors = new List<FieldError>();
        var result = UseCaseResult<int>.Invalid([new FieldError("heldOn", "Enter the date"), new FieldError("notes", "Enter notes")]);

        var answer = ResultToPage.Refused(page, result, errors, [new FieldError("heldOn", "The date must be a real date")]);

        answer.ShouldBeOfType<PageResult>();
        page.Response.StatusCode.ShouldBe(StatusCodes.Status400BadRequest);
        errors.ShouldBe([new FieldError("heldOn", "The date must be a real date"), new FieldError("notes", "Enter notes")]);
    }

    [Fact]
    public void Page_Conflict_Is409WithTheMessageForTheWholeForm()
    {
        var page = new TestPage();
        var errors = new List<FieldError>();

        ResultToPage.Refused(page, UseCaseResult<int>.Conflicted("Changed by someone else.", "Sam", Saved, latest: 7), errors);

        page.Response.StatusCode.ShouldBe(StatusCodes.Status409Conflict);
        errors.ShouldBe([new FieldError(UseCaseResult<int>.FormField, "Changed by someone else.")]);
    }

    [Fact]
    public void Result_Conflict_CarriesWhoWhenAndTheLatestState()
    {
        var result = UseCaseResult<int>.Conflicted("Changed.", "Sam", Saved, latest: 7);

        result.Succeeded.ShouldBeFalse();
        result.Conflict.ShouldBe(new UseCaseConflict("Sam", Saved));
        result.Value.ShouldBe(7);
        result.ErrorAs<string>().Conflict.ShouldBe(new UseCaseConflict("Sam", Saved));
    }

    private static UseCaseResult<int> Refusal(UseCaseStatus status) => status switch
    {
        UseCaseStatus.Invalid => UseCaseResult<int>.Invalid("run", "Run must be a whole number"),
        UseCaseStatus.Forbidden => UseCaseResult<int>.Forbidden("You do not have permission to do that on this case."),
        UseCaseStatus.NotFound => UseCaseResult<int>.NotFound(),
        UseCaseStatus.Conflict => UseCaseResult<int>.Conflicted("Changed by someone else.", "Sam", Saved),
        UseCaseStatus.Failed => UseCaseResult<int>.Failed("The database could not be read."),
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    private sealed class TestPage : PageModel
    {
        public TestPage() => PageContext = new PageContext { HttpContext = new DefaultHttpContext() };
    }
}
