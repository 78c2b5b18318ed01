using System.CommandLine;
using System.Globalization;
using ComplexCases.Application;
using ComplexCases.Application.Retention;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Cli.Commands;

/// <summary><c>complexcases retention erase</c>: erase the personal data of people no longer supervised (docs/operations.md, "Retention").</summary>
internal static class RetentionCommand
{
    /// <summary>The period when <c>--older-than</c> is not given: this, else <see cref="EraseFormerPeople.DefaultMonths"/>.</summary>
    public const string MonthsVariable = "COMPLEXCASES_RETENTION_MONTHS";

    public static Command Create(TextWriter output, TextWriter error, IServiceProvider services) =>
        new("retention", "Keep personal data no longer than it is needed.")
        {
            Erase(output, error, services),
        };

    private static Command Erase(TextWriter output, TextWriter error, IServiceProvider services)
    {
        var db = new Option<string?>("--db") { Description = CliApp.DatabaseHelp };
        var months = new Option<int?>("--older-than")
        {
            Description = $"The retention period in months: people screened in no run dated within it are erased (default {MonthsVariable}, else {EraseFormerPeople.DefaultMonths}).",
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Count what would be erased, and change nothing." };
        var command = new Command("erase", "Erase the personal data of people no longer supervised: results, listings, process records, outcomes; "
            + "one transaction, recorded in the audit log as retention.erased (a count and digest of the CRNs, not the CRNs).\n\n"
            + "Example:\n  complexcases retention erase --older-than 24 --dry-run --db ./complexcases.db") { db, months, dryRun };
        command.SetAction(parse =>
        {
            var period = parse.GetValue(months);
            if (period is null)
            {
                var configured = Environment.GetEnvironmentVariable(MonthsVariable);
                if (string.IsNullOrWhiteSpace(configured)) period = EraseFormerPeople.DefaultMonths;
                else if (int.TryParse(configured, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)) period = parsed;
                else
                {
                    return CliApp.Fail(error, $"{MonthsVariable}: '{ComplexCases.Extracts.Reading.EchoText.Of(configured)}' is not a number of months");
                }
            }
            var result = services.GetRequiredService<EraseFormerPeople>().Run(parse.GetValue(db), period.Value, parse.GetValue(dryRun), CliActor.Current);
            if (!result.Succeeded) return CliApp.Fail(error, result);
            var report = result.Value;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(report.DryRun ? "Dry run: would erase" : "Erased")} {report.People:N0} {(report.People == 1 ? "person" : "people")} not screened in any run since {report.Cutoff:yyyy-MM-dd} ({report.Months} months)."));
            foreach (var (table, rows) in report.Rows.Where(r => r.Rows > 0))
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {table}: {rows:N0} rows"));
            output.WriteLine(report.AuditSequence is { } sequence
                ? $"Recorded as audit entry {sequence} (retention.erased; CRN digest {report.PeopleSha256})."
                : "Nothing was changed.");
            return CliApp.Ok;
        });
        return command;
    }
}
