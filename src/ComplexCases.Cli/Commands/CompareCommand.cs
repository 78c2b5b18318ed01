using System.CommandLine;
using System.Globalization;
using ComplexCases.Application;
using ComplexCases.Application.Evaluation;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Cli.Commands;

/// <summary><c>complexcases compare</c>: two definitions side by side over the stored months, per PDU and month, as JSON.</summary>
internal static class CompareCommand
{
    public static Command Create(TextWriter output, TextWriter error, IServiceProvider services)
    {
        var db = new Option<string?>("--db") { Description = CliApp.DatabaseHelp };
        var definitions = new Option<string[]>("--definition")
        {
            Description = "Give it twice: definition A, then B (a file, or a stored definition's id or id@version).",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var from = new Option<string?>("--from") { Description = "First screening date included, yyyy-MM-dd (default: the earliest stored)." };
        var to = new Option<string?>("--to") { Description = "Last screening date included, yyyy-MM-dd (default: the latest stored)." };
        var pdu = new Option<string?>("--pdu")
        {
            Description = "Keep one PDU (its code) in the per-PDU figures: months[].pdus and pduStability (default: every PDU). The all-PDU figures stay.",
        };
        var outFile = new Option<string?>("--out") { Description = "Write the JSON here (default: standard output)." };
        var command = new Command("compare", "Compare two definitions over the stored months: who each lists, overlap, sensitivity, stability.") { db, definitions, from, to, pdu, outFile };
        command.SetAction(parse =>
        {
            var names = parse.GetValue(definitions) ?? [];
            if (names.Length != 2) return CliApp.Fail(error, $"--definition: give exactly two definitions, A and B (got {names.Length})");
            if (!TryDate(parse.GetValue(from), "--from", error, out var fromDate) || !TryDate(parse.GetValue(to), "--to", error, out var toDate))
                return CliApp.UserError;
            var result = services.GetRequiredService<CompareDefinitions>().Run(new CompareRequest(parse.GetValue(db), names[0], names[1], fromDate, toDate));
            if (!result.Succeeded) return CliApp.Fail(error, result);
            var code = parse.GetValue(pdu)?.Trim();
            var codes = result.Value.PduCodes();
            if (code is not null && !codes.Contains(code))
                return CliApp.Fail(error, $"--pdu: nobody was screened in PDU '{code}' in the compared months" + (codes.Count == 0 ? "" : $" (PDUs: {string.Join(", ", codes)})"));
            return JsonOutput.Write(parse.GetValue(outFile), output, error, stream => ComparisonJson.Write(stream, result.Value, code));
        });
        return command;
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
