using System.Text;
using ComplexCases.Application;
using ComplexCases.Application.Access;
using ComplexCases.Application.Definitions;
using ComplexCases.Domain.Workflow;
using ComplexCases.Web.Panels;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ComplexCases.Web.Pages.Definitions;

/// <summary>
/// Write or upload a definition (issue 14): paste or edit the JSON, or choose a file; check it (every problem named by its
/// JSON path) and save it as the next version of its id. The JSON format of criteria.md is the contract.
/// </summary>
[Authorize(Policy = nameof(Permission.ManageDefinitions))]
public sealed class NewModel(DefinitionLibrary library) : PanelFormPage
{
    [BindProperty] public string? Json { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }

    /// <summary>The definition as it would be (or was) stored, once checked.</summary>
    public CheckedDefinition? Checked { get; private set; }

    public string? From { get; private set; }

    public IActionResult OnGet(string? from)
    {
        if (from is null) return Page();
        var (id, version) = DefinitionLibrary.ParseKey(from);
        Json = id is null ? null : library.JsonOf(id, version);
        if (Json is null) return NotFound();
        From = from;
        return Page();
    }

    public IActionResult OnPostCheck() => Handle(save: false);

    public IActionResult OnPostSave() => Handle(save: true);

    private IActionResult Handle(bool save)
    {
        var user = CurrentUser.Require(HttpContext);
        if (Upload is { Length: > 0 })
        {
            if (ReadFile(Upload) is { } fileError) return Refused(UseCaseResult<CheckedDefinition>.Invalid(DefinitionLibrary.JsonField, fileError));
        }
        var result = save ? library.Save(user, Json) : library.Check(user, Json);
        if (!result.Succeeded) return Refused(result);
        Checked = result.Value;
        if (!save) return Page();
        Banner($"Saved {Checked!.Definition.Id} version {Checked.Definition.Version}. It changes nothing until it is adopted.");
        return Redirect("/definitions");
    }

    /// <summary>The chosen file's text replaces the text box (a definition is a few kilobytes; the file limit is 1 MB).</summary>
    private string? ReadFile(IFormFile file)
    {
        if (file.Length > DefinitionFile.MaxBytes) return $"The file must be smaller than {DefinitionFile.MaxBytes / (1 << 20)} MB; a definition is a few kilobytes of JSON";
        using var stream = file.OpenReadStream();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.ToArray();
        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        try
        {
            Json = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, start, bytes.Length - start);
            return null;
        }
        catch (DecoderFallbackException)
        {
            return "The file is not UTF-8 text; save the definition as UTF-8 JSON";
        }
    }

    /// <summary>Errors that name a JSON path, split into the path and the problem, for the list beside the text box.</summary>
    public static (string? Path, string Problem) Split(FieldError error)
    {
        var colon = error.Message.IndexOf(": ", StringComparison.Ordinal);
        var head = colon > 0 ? error.Message[..colon] : null;
        return head is not null && !head.Contains(' ', StringComparison.Ordinal) ? (head, error.Message[(colon + 2)..]) : (null, error.Message);
    }
}
