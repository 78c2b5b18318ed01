using System.CommandLine;
using System.Globalization;
using ComplexCases.Application;
using ComplexCases.Application.Lists;
using ComplexCases.Application.Screening;
using ComplexCases.Data.Providers;
using ComplexCases.Domain.Screening;
using ComplexCases.Extracts.Reading;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace ComplexCases.Cli.Commands;

/// <summary><c>complexcases screen</c>: the monthly screening run (screening-output.md).</summary>
internal static class ScreenCommand
{

    public static Command Create(TextWriter output, TextWriter error, IServiceProvider services)
    {
        var extract = new Option<string>("--extract") { Description = "Folder holding the month's extract (people.csv and the other CSV files).", Required = true };
        var asOf = new Option<string>("--as-of") { Description = "Screening date D, as yyyy-MM-dd.", Required = true };
        // Checked while parsing, so a bad date is reported with every other problem at once.
        asOf.Validators.Add(DateArgument.Check);
        var definition = new Option<string?>("--definition") { Description = "Definition file (JSON). Default: the version adopted for the month in the service (/definitions/adopt), else the pilot definition, pilot-2024." };
        var outFolder = new Option<string>("--out") { Description = "Folder for screening.json, lists/, workbooks/ and rejected.csv. Default: the current folder.", DefaultValueFactory = _ => "." };
        var db = new Option<string?>("--db") { Description = CliApp.DatabaseHelp };
        var replace = new Option<bool>("--replace") { Description = "Replace a stored run of the same extract, date and definition instead of recognising it." };
        var noWorkbooks = new Option<bool>("--no-workbooks") { Description = "Skip the XLSX workbook per PDU." };
        var acceptChanges = new Option<string?>("--accept-changes")
        {
            Description = "Store the month even though it differs from the previous stored month beyond the limits (people screened, rows per file, "
                + "share rejected, people listed, a file gone missing). Give the reason, in quotes; it is audited with the figures.",
            HelpName = "REASON",
        };

        var command = new Command("screen", "Screen an extract as of a date: store the run and write the per-PDU lists. A month that differs from "
            + "the previous stored month beyond the limits (a truncated or broken extract) is refused with its figures (exit 2) unless "
            + "accepted with --accept-changes.\n\n"
            + "Example:\n  complexcases screen --extract ./extracts/2024-09-01 --as-of 2024-09-01 --out ./lists\n\n" + CliApp.ExitCodes)
        {
            extract, asOf, definition, outFolder, db, replace, noWorkbooks, acceptChanges,
        };
        command.SetAction(parse =>
        {
            var dateText = parse.GetValue(asOf)!;
            if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return CliApp.Fail(error, $"--as-of: '{dateText}' is not a date in the form yyyy-MM-dd");
            }
            var request = new ScreenRequest(parse.GetValue(extract)!, date, parse.GetValue(outFolder)!)
            {
                DefinitionPath = parse.GetValue(definition),
                Database = parse.GetValue(db),
                Replace = parse.GetValue(replace),
                WriteWorkbooks = !parse.GetValue(noWorkbooks),
                AcceptChanges = parse.GetValue(acceptChanges),
            };
            if (request.AcceptChanges is { } reason && string.IsNullOrWhiteSpace(reason))
            {
                return CliApp.Fail(error, "--accept-changes: give the reason for accepting the changes, e.g. --accept-changes \"two PDUs merged into one\"");
            }
            return Run(request, output, error, services);
        });
        return command;
    }

    private static int Run(ScreenRequest request, TextWriter output, TextWriter error, IServiceProvider services)
    {
        var console = Terminal.For(output);
        var clock = services.GetRequiredService<TimeProvider>();
        var useCase = services.GetRequiredService<ScreenExtract>();
        UseCaseResult<ScreeningReport> result;
        if (Terminal.IsInteractive(console))
        {
            result = null!;
            console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    var stages = new StageTasks(ctx);
                    var progress = new InlineProgress<ScreeningProgress>(stages.Report);
                    result = useCase.Run(request, progress);
                });
        }
        else
        {
            // Plain lines, one per stage, for logs and scripts.
            string? stage = null;
            var started = clock.GetTimestamp();
            var pause = PausePoint.FromEnvironment();
            var progress = new InlineProgress<ScreeningProgress>(p =>
            {
                pause?.Check(p, output);
                if (p.Stage == stage || p.Stage == "Done") return;
                stage = p.Stage;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{clock.GetElapsedTime(started).TotalSeconds:0.00} s] {p.Stage}..."));
                output.Flush();
            });
            result = useCase.Run(request, progress);
        }

        if (!result.Succeeded) return CliApp.Fail(error, result);
        if (result.Value.AcceptedReason is { } accepted && result.Value.Reconciliation is { } reconciliation)
            console.MarkupLineInterpolated($"[yellow]Changes accepted ({accepted}): {reconciliation.BreachSummary}[/]");
        else if (request.AcceptChanges is not null && !result.Value.AlreadyStored)
            console.MarkupLine("Nothing needed accepting: the month is within the limits (no acceptance was recorded).");
        Summarise(console, result.Value, request);
        return CliApp.Ok;
    }

    private static void Summarise(IAnsiConsole console, ScreeningReport report, ScreenRequest request)
    {
        var e = report.Extract;
        // One line each, however odd the names in them (a column name holding a line break).
        foreach (var warning in e.Warnings.Take(20)) console.MarkupLineInterpolated($"[yellow]warning:[/] {warning.File}: {EchoText.Of(warning.Message, 300)}");
        if (e.Warnings.Count > 20) console.MarkupLineInterpolated($"[yellow]warning:[/] {e.Warnings.Count - 20} more warnings (all are in screening.json)");
        var d = report.Definition.Definition;
        if (d.EffectiveFrom > report.AsOf)
            console.MarkupLineInterpolated($"[yellow]warning:[/] definition {d.Id} v{d.Version} takes effect from {d.EffectiveFrom:yyyy-MM-dd}, after the screening date {report.AsOf:yyyy-MM-dd}: check --as-of and --definition");
        var table = new Table().Title($"Screening {report.AsOf:yyyy-MM-dd} · {report.Definition.Definition.Id} v{report.Definition.Definition.Version}")
            .AddColumns("PDU", "Name", "Complex", "Possibly complex", "New", "Continuing", "Left");
        foreach (var pdu in report.Cases.GroupBy(c => c.PduCode, StringComparer.Ordinal))
        {
            // Codes and names come from the extract: bounded, on one line, and escaped (Spectre reads '[' as markup).
            table.AddRow(Markup.Escape(EchoText.Of(pdu.Key)), Markup.Escape(EchoText.Of(pdu.Select(c => c.PduName).FirstOrDefault(n => n is not null) ?? "")),
                Count(pdu, c => c.Change != ListChange.Left && c.Status == ScreeningStatus.Complex),
                Count(pdu, c => c.Change != ListChange.Left && c.Status == ScreeningStatus.PossiblyComplex),
                Count(pdu, c => c.Change == ListChange.New),
                Count(pdu, c => c.Change == ListChange.Continuing),
                Count(pdu, c => c.Change == ListChange.Left));
        }
        table.AddEmptyRow();
        table.AddRow("[bold]All[/]", "", report.Complex.ToString("N0", CultureInfo.InvariantCulture), report.PossiblyComplex.ToString("N0", CultureInfo.InvariantCulture),
            Count(report.Cases, c => c.Change == ListChange.New), Count(report.Cases, c => c.Change == ListChange.Continuing), report.Left.ToString("N0", CultureInfo.InvariantCulture));
        console.Write(table);
        console.MarkupLineInterpolated($"People screened: {report.People:N0}. Rows read {e.RowsRead:N0}, accepted {e.RowsAccepted:N0}, rejected {e.RowsRejected:N0}.");
        if (report.Incomplete is { People: > 0 } incomplete)
            console.MarkupLineInterpolated($"Rejected rows left {incomplete.People:N0} people's records incomplete: for {incomplete.CriteriaUnknown:N0} a criterion reads unknown, {incomplete.Listed:N0} listed as possibly complex only because of it.");
        if (report.AlreadyStored)
            console.MarkupLineInterpolated($"[yellow]This extract, date and definition were already stored as run {report.RunId}; nothing new was stored (use --replace to replace it).[/]");
        else
            console.MarkupLineInterpolated($"Stored as run {report.RunId}{(report.Replaced ? " (replacing the earlier run)" : "")}{(report.PreviousRunId is { } p ? $"; compared with run {p}" : "; no earlier run to compare with")}.");
        console.MarkupLineInterpolated($"Lists written to {Path.GetFullPath(request.OutputFolder)}");
    }

    private static string Count(IEnumerable<ListEntry> entries, Func<ListEntry, bool> predicate) =>
        entries.Count(predicate).ToString("N0", CultureInfo.InvariantCulture);
}
