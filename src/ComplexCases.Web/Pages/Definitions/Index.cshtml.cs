using ComplexCases.Application.Access;
using ComplexCases.Application.Definitions;
using ComplexCases.Application.Workflow;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Definitions;

/// <summary>
/// The definitions: which is in use this month and next (adopted, or configured), every stored version with who saved it,
/// when and what it changed, the adoption decisions, and what each definition counts. Readable by everyone signed in;
/// definitions hold no personal data, so showing them is not audited (saving and adopting are).
/// </summary>
[Authorize(Policy = nameof(Permission.ViewDefinitions))]
public sealed class IndexModel(DefinitionLibrary library, WorkflowSettings workflow) : PageModel
{
    public IReadOnlyList<DefinitionInUse> Definitions { get; private set; } = [];
    public IReadOnlyList<DefinitionVersion> Versions { get; private set; } = [];
    public IReadOnlyList<AdoptionDecision> Adoptions { get; private set; } = [];
    public IReadOnlyList<(DateOnly Month, OperationalChoice Choice)> InUse { get; private set; } = [];
    public bool MayWrite { get; private set; }
    public bool MayAdopt { get; private set; }

    public void OnGet()
    {
        var user = CurrentUser.Require(HttpContext);
        MayWrite = user.Has(Permission.ManageDefinitions);
        MayAdopt = user.Has(Permission.AdoptDefinitions);
        // Read once for both tables: the stored versions, their use and each one's parse.
        var stored = library.Stored();
        Definitions = DefinitionUsage.Of(stored);
        Versions = DefinitionLibrary.Versions(stored);
        Adoptions = library.Adoptions();
        InUse = library.InUse(workflow.DefinitionId);
    }
}
