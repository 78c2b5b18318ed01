using System.Globalization;
using System.Text;
using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Application.Insight;
using ComplexCases.Application.Lists;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.Workflow;
using ComplexCases.Web.Charts;
using ComplexCases.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplexCases.Web.Pages.Insight;

/// <summary>
/// The pilot seen working: how far the cases listed in chosen months got through the process, per PDU (or team), with
/// the timescales met. Counts only, small ones withheld. The table downloads as CSV (an export, so audited).
/// </summary>
[Authorize(Policy = nameof(Permission.ViewAggregates))]
public sealed class ProcessModel(ProcessInsight insight, TimeProvider clock, GroupCommitAuditWriter audit) : PageModel
{
    /// <summary>The longest period one view covers: three years of monthly cohorts.</summary>
    public const int MaxMonths = 36;

    [FromQuery(Name = "from")] public string? From { get; set; }
    [FromQuery(Name = "to")] public string? To { get; set; }

    public ProcessInsightView? View { get; private set; }
    public string? Error { get; private set; }
    public string? ErrorField { get; private set; }

    public IActionResult OnGet()
    {
        if (!Resolve(out var from, out var to)) return Page();
        View = insight.Run(CurrentUser.Require(HttpContext), from, to);
        return Page();
    }

    /// <summary>The same table as CSV, withheld cells marked [c] as on the page.</summary>
    public async Task<IActionResult> OnGetCsvAsync()
    {
        if (!Resolve(out var from, out var to)) return BadRequest(Error!);
        var user = CurrentUser.Require(HttpContext);
        var view = insight.Run(user, from, to);
        await audit.AppendAsync(new AuditEntryRequest(user.Id, AuditAction.Disclosure, AuditEventTypes.InsightExported, "process funnel, counts only")
        {
            Details = new AuditDetails().Add("table", "process-funnel").Add("from", Month(from)).Add("to", Month(to)).ToString(),
        });
        return File(Encoding.UTF8.GetBytes(Csv(view)), "text/csv", $"process-funnel-{Month(from)}-to-{Month(to)}.csv");
    }

    public BarChart Chart => new("funnel", "Cases through the process",
        $"Of the complex cases listed from {View!.From:MMMM yyyy} to {View.To:MMMM yyyy} in your area, how many reached each stage. " +
        string.Join("; ", ProcessInsightView.Stages.Select((s, i) => $"{ProcessInsightView.Label(s)}: {Text(View.Total.Stages[i])}")) + ".",
        [.. ProcessInsightView.Stages.Select((s, i) => new Bar(ProcessInsightView.Label(s),
            View.Total.Stages[i].Withheld ? null : View.Total.Stages[i].Value, Text(View.Total.Stages[i])))]);

    public static string Text(ShownCount count) => count.Withheld ? "fewer than 5" : count.ToString();

    public string CsvLink => $"/insight/process?handler=csv&from={Month(View!.From)}&to={Month(View.To)}";

    public static string Month(DateOnly month) => MonthRange.Month(month);

    private bool Resolve(out DateOnly from, out DateOnly to)
    {
        var range = MonthRange.Resolve(From, To, clock.GetUtcNow(), defaultMonths: 6, MaxMonths, out var error);
        (Error, ErrorField) = (error?.Message, error?.Field);
        (from, to) = range is null ? default : (range.From, range.To);
        return range is not null;
    }

    private static string Csv(ProcessInsightView view)
    {
        var csv = new StringBuilder();
        csv.Append(view.AreaKind).Append(',').AppendJoin(',', ProcessInsightView.Stages.Select(ProcessInsightView.Label))
            .Append(",Conversations on time,Triages on time,Median working days to conversation\n");
        foreach (var row in view.Areas.Append(view.Total))
        {
            csv.Append(Field(row.Name)).Append(',').AppendJoin(',', row.Stages.Select(s => s.ToString().Replace(",", "", StringComparison.Ordinal)))
                .Append(',').Append(row.ConversationsOnTime).Append(',').Append(row.TriagesOnTime).Append(',').Append(row.MedianDaysToConversation).Append('\n');
        }
        return csv.ToString();
    }

    // Quoted always, and a leading formula character neutralised as the list downloads do: the file opens in a spreadsheet.
    private static string Field(string value) =>
        "\"" + ListCsv.AsText(value)!.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
