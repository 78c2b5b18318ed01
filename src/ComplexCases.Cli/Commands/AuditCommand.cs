using System.CommandLine;
using System.Globalization;
using ComplexCases.Application;
using ComplexCases.Application.Audit;
using ComplexCases.Data.Providers;
using ComplexCases.Domain.People;
using Spectre.Console;

namespace ComplexCases.Cli.Commands;

/// <summary><c>complexcases audit verify|list</c>: check and search the audit log (docs/audit-events.md).</summary>
internal static class AuditCommand
{
    public static Command Create(TextWriter output, TextWriter error, IStoreProvider provider) =>
        new("audit", "Check and search the audit log of personal-data processing.\n\nExample:\n  complexcases audit verify --db ./complexcases.db")
        {
            Verify(output, error, provider),
            List(output, error, provider),
        };

    private static Option<string?> DatabaseOption() =>
        new("--db") { Description = CliApp.DatabaseHelp };

    private static Command Verify(TextWriter output, TextWriter error, IStoreProvider provider)
    {
        var db = DatabaseOption();
        var command = new Command("verify", "Check the hash chain of the whole log; name the first entry altered, removed or out of order.\n\n"
            + "Example:\n  complexcases audit verify --db ./complexcases.db") { db };
        command.SetAction((parse, cancellationToken) =>
        {
            var result = VerifyAuditLog.Run(provider, parse.GetValue(db), cancellationToken);
            if (!result.Succeeded) return Task.FromResult(CliApp.Fail(error, result));
            var chain = result.Value;
            if (chain.Break is { } broken)
            {
                error.WriteLine(broken.ToString());
                error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"The audit chain is broken: {chain.IntactEntries:N0} entries are intact before entry {broken.Sequence}."));
                return Task.FromResult(CliApp.Failed);
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{chain.IntactEntries} {(chain.IntactEntries == 1 ? "entry" : "entries")}, chain intact"));
            // Keep this elsewhere: it is what shows a wholesale rewrite of the log, which a chain alone cannot.
            if (chain.IntactEntries > 0) output.WriteLine($"head: entry {chain.Head.Sequence} {chain.Head.Hash}");
            return Task.FromResult(CliApp.Ok);
        });
        return command;
    }

    private static Command List(TextWriter output, TextWriter error, IStoreProvider provider)
    {
        var db = DatabaseOption();
        var crn = new Option<string?>("--crn") { Description = "Only entries concerning this person (CRN)." };
        var actor = new Option<string?>("--actor") { Description = "Only entries by this user (or 'cli')." };
        var eventType = new Option<string?>("--event") { Description = "Only entries of this event type, e.g. list.downloaded or access.denied (docs/audit-events.md)." };
        var from = new Option<string?>("--from") { Description = "From this date (UTC), yyyy-MM-dd, inclusive." };
        var to = new Option<string?>("--to") { Description = "To this date (UTC), yyyy-MM-dd, inclusive." };
        var page = new Option<int>("--page") { Description = "Page number, newest entries first.", DefaultValueFactory = _ => 1 };
        var pageSize = new Option<int>("--page-size") { Description = $"Entries per page (at most {AuditQuery.MaxPageSize}).", DefaultValueFactory = _ => AuditQuery.DefaultPageSize };
        var details = new Option<bool>("--details") { Description = "Show each entry's details (run id, recipient, …)." };
        var command = new Command("list", "Search the audit log by person, user and date.\n\n"
            + "Example:\n  complexcases audit list --crn E123456 --from 2024-09-01 --details") { db, crn, actor, eventType, from, to, page, pageSize, details };
        command.SetAction(parse =>
        {
            Crn? person = null;
            if (parse.GetValue(crn) is { } crnText)
            {
                if (!Crn.TryParse(crnText, out var parsed)) return CliApp.Fail(error, $"--crn: '{crnText}' is not a CRN (one capital letter and six digits)");
                person = parsed;
            }
            if (!TryDate(parse.GetValue(from), "--from", error, out var fromDate) || !TryDate(parse.GetValue(to), "--to", error, out var toDate))
                return CliApp.UserError;
            if (parse.GetValue(page) < 1 || parse.GetValue(pageSize) is < 1 or > AuditQuery.MaxPageSize)
                return CliApp.Fail(error, $"--page must be 1 or more and --page-size 1 to {AuditQuery.MaxPageSize}");
            var query = new AuditQuery(person, parse.GetValue(actor),
                fromDate is { } f ? new DateTimeOffset(f, TimeOnly.MinValue, TimeSpan.Zero) : null,
                toDate is { } t ? new DateTimeOffset(t.AddDays(1), TimeOnly.MinValue, TimeSpan.Zero) : null,
                parse.GetValue(page), parse.GetValue(pageSize), string.IsNullOrWhiteSpace(parse.GetValue(eventType)) ? null : parse.GetValue(eventType)!.Trim());
            var result = SearchAuditLog.Run(provider, parse.GetValue(db), query);
            if (!result.Succeeded) return CliApp.Fail(error, result);
            Print(Terminal.For(output), result.Value, parse.GetValue(details));
            return CliApp.Ok;
        });
        return command;
    }

    private static void Print(IAnsiConsole console, AuditPage page, bool withDetails)
    {
        // Piped or redirected, Spectre assumes 80 columns; a log line is easier to read unwrapped.
        if (!Terminal.IsInteractive(console)) console.Profile.Width = Math.Max(console.Profile.Width, withDetails ? 400 : 160);
        var table = new Table().AddColumns("#", "When (UTC)", "Who", "Action", "Event", "People", "Purpose");
        if (withDetails) table.AddColumn("Details");
        table.Columns[1].NoWrap();
        foreach (var e in page.Entries)
        {
            var people = e.SubjectCrns.Count is > 0 and <= 3 ? string.Join(", ", e.SubjectCrns)
                : e.SubjectCount.ToString("N0", CultureInfo.InvariantCulture);
            string[] cells =
            [
                e.Sequence.ToString(CultureInfo.InvariantCulture), e.OccurredAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                e.Actor, e.Action, e.EventType, people, e.Purpose, .. withDetails ? [e.Details] : Array.Empty<string>(),
            ];
            table.AddRow([.. cells.Select(Markup.Escape)]);
        }
        console.Write(table);
        console.MarkupLineInterpolated($"Page {page.Page} of {page.Pages} ({page.Total:N0} {(page.Total == 1 ? "entry" : "entries")}).");
    }

    private static bool TryDate(string? text, string option, TextWriter error, out DateOnly? date)
    {
        date = null;
        if (text is null) return true;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return true;
        }
        error.WriteLine($"error: {option}: '{text}' is not a date in the form yyyy-MM-dd");
        return false;
    }
}
