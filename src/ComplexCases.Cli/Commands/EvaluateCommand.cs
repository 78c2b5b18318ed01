using System.CommandLine;
using System.Globalization;
using ComplexCases.Application;
using ComplexCases.Application.Evaluation;
using ComplexCases.Data.Providers;
using ComplexCases.Domain.Evaluation;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Cli.Commands;

/// <summary><c>complexcases evaluate</c>: a definition's past lists against outcomes (outcomes.md), as one JSON object.</summary>
internal static class EvaluateCommand
{
    public static Command Create(TextWriter output, TextWriter error, IServiceProvider services)
    {
        var db = new Option<string?>("--db") { Description = CliApp.DatabaseHelp };
        var definition = new Option<string>("--definition") { Description = "Definition file, or the id of a stored definition (id or id@version).", Required = true };
        var window = new Option<int>("--window") { Description = "Follow-up window W in months (e.g. 6 or 12).", Required = true };
        var types = new Option<string?>("--types") { Description = "Outcome types counted, comma-separated (default: all but DEATH)." };
        var until = new Option<string?>("--follow-up-until") { Description = "Follow-up limit F, yyyy-MM-dd (default: the latest outcome imported)." };
        var outFile = new Option<string?>("--out") { Description = "Write the JSON here (default: standard output)." };
        var command = new Command("evaluate", "Judge a definition by the outcomes of the people it listed in stored months.") { db, definition, window, types, until, outFile };
        command.SetAction(parse =>
        {
            List<OutcomeType>? typeList = null;
            if (parse.GetValue(types) is { } typesText)
            {
                typeList = [];
                foreach (var part in typesText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    if (!OutcomeTypes.TryParse(part, out var type))
                        return CliApp.Fail(error, $"--types: '{part}' is not an outcome type (RECALL, BREACH, FURTHER_OFFENCE, SFO, DEATH)");
                    typeList.Add(type);
                }
                if (typeList.Count == 0) return CliApp.Fail(error, "--types: name at least one outcome type");
            }
            DateOnly? limit = null;
            if (parse.GetValue(until) is { } untilText)
            {
                if (!DateOnly.TryParseExact(untilText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                    return CliApp.Fail(error, $"--follow-up-until: '{untilText}' is not a date in the form yyyy-MM-dd");
                limit = parsed;
            }
            var result = services.GetRequiredService<EvaluateDefinition>().Run(new EvaluateRequest(parse.GetValue(db), parse.GetValue(definition)!, parse.GetValue(window), typeList, limit));
            if (!result.Succeeded) return CliApp.Fail(error, result);
            return JsonOutput.Write(parse.GetValue(outFile), output, error, stream => EvaluationJson.Write(stream, result.Value));
        });
        return command;
    }
}

/// <summary>A JSON report to a file (written whole, then moved into place) or to standard output.</summary>
internal static class JsonOutput
{
    public static int Write(string? path, TextWriter output, TextWriter error, Action<Stream> write)
    {
        if (path is null)
        {
            using var buffer = new MemoryStream();
            write(buffer);
            output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            return CliApp.Ok;
        }
        var temporary = path + ".tmp";
        try
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            using (var file = File.Create(temporary)) write(file);
            File.Move(temporary, path, overwrite: true);
            return CliApp.Ok;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            try { File.Delete(temporary); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            error.WriteLine($"error: --out: cannot write {path}: {ex.Message}");
            return CliApp.UserError;
        }
    }
}
