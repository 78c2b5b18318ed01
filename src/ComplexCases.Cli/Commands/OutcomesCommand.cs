using System.CommandLine;
using System.Globalization;
using ComplexCases.Application;
using ComplexCases.Application.Evaluation;
using ComplexCases.Application.Screening;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Cli.Commands;

/// <summary><c>complexcases outcomes import</c>: store an outcome file (outcomes.md). Exit codes as for <c>screen</c>.</summary>
internal static class OutcomesCommand
{
    public static Command Create(TextWriter output, TextWriter error, IServiceProvider services) =>
        new("outcomes", "Outcome records (recall, breach, further offence, serious further offence, death under supervision).")
        {
            Import(output, error, services),
        };

    private static Command Import(TextWriter output, TextWriter error, IServiceProvider services)
    {
        var db = new Option<string?>("--db") { Description = CliApp.DatabaseHelp };
        var file = new Option<string>("--file") { Description = "The outcome file (CSV: crn, occurred_on, type).", Required = true };
        var command = new Command("import", "Import an outcome file: every rejected row is reported; exact duplicates count once.") { db, file };
        command.SetAction(parse =>
        {
            var result = services.GetRequiredService<ImportOutcomes>().Run(parse.GetValue(db), parse.GetValue(file)!);
            if (!result.Succeeded) return CliApp.Fail(error, result);
            var report = result.Value;
            var f = report.File;
            foreach (var warning in f.Warnings) output.WriteLine($"warning: {warning.File}: {warning.Message}");
            foreach (var r in f.Rejections)
            {
                var column = r.Column.Length == 0 ? "" : $" column {r.Column}:";
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"rejected: {r.File} line {r.Line}:{column} {RejectionText.Of(r.Reason)}: {r.Detail}{(r.Value.Length == 0 ? "" : $" (value: {r.Value})")}"));
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{f.FileName}: rows read {f.RowsRead:N0}, accepted {f.RowsAccepted:N0}, rejected {f.RowsRejected:N0}; exact duplicates {f.Duplicates:N0} (counted once)."));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Stored as import {report.ImportId}: {report.Added:N0} new outcomes, {report.AlreadyStored:N0} already stored. Latest outcome stored: {report.LatestStored:yyyy-MM-dd}."));
            return CliApp.Ok;
        });
        return command;
    }
}
