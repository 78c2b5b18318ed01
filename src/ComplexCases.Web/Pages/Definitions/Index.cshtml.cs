using ComplexCases.Application.Access;
using ComplexCases.Application.Definitions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Definitions;

/// <summary>The definitions runs have used: what counts, how much, and the threshold. Readable by everyone signed in.</summary>
[Authorize(Policy = nameof(Permission.ViewDefinitions))]
public sealed class IndexModel(DefinitionUsage definitions) : PageModel
{
    public IReadOnlyList<DefinitionInUse> Definitions { get; private set; } = [];

    public void OnGet() => Definitions = definitions.All();
}
