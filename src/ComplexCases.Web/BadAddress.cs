using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace ComplexCases.Web;

/// <summary>A page that shows unreadable query values in its own error summary, beside its form.</summary>
public interface IExplainsItsOwnQueryErrors;

/// <summary>
/// A page asked for (or posted to) with a query value that cannot be read (<c>?run=abc</c>, <c>?page=x</c>) answers 400 and names the
/// value, rather than quietly showing something else (the latest run, the first page).
/// </summary>
public sealed class BadAddressFilter : IPageFilter
{
    public const string ViewName = "BadAddress";

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        var request = context.HttpContext.Request;
        if (context.HandlerInstance is IExplainsItsOwnQueryErrors) return;
        // Only values from the address: a posted form's own fields are the form's to explain, beside each field.
        var form = request.HasFormContentType ? request.Form : null;
        var problems = context.ModelState
            .Where(entry => entry.Value is { ValidationState: ModelValidationState.Invalid }
                && request.Query.ContainsKey(entry.Key) && form?.ContainsKey(entry.Key) != true)
            .Select(entry => $"'{entry.Value!.AttemptedValue}' is not a valid value for {entry.Key}")
            .ToList();
        if (problems.Count == 0) return;
        var metadata = context.HttpContext.RequestServices.GetRequiredService<IModelMetadataProvider>();
        context.Result = new ViewResult
        {
            ViewName = ViewName,
            StatusCode = StatusCodes.Status400BadRequest,
            ViewData = new ViewDataDictionary<IReadOnlyList<string>>(metadata, new ModelStateDictionary()) { Model = problems },
        };
    }

    public void OnPageHandlerSelected(PageHandlerSelectedContext context) { }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context) { }
}
