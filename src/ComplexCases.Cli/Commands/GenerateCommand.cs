using System.CommandLine;
using System.Globalization;
using ComplexCases.Application;
using ComplexCases.Synthetic;
using Spectre.Console;

namespace ComplexCases.Cli.Commands;

/// <summary><c>complexcases generate</c>: a synthetic population, one extract folder per month (docs/synthetic-data.md).</summary>
internal static class GenerateCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var people = new Option<int>("--people") { Description = "About how many people each month's extract holds.", Required = true };
        var months = new Option<int>("--months") { Description = "How many consecutive monthly extracts.", DefaultValueFactory = _ => 1 };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives byte-identical files.", DefaultValueFactory = _ => 1 };
        var asOf = new Option<string>("--as-of") { Description = "Screening date of the last month, as yyyy-MM-dd.", Required = true };
        asOf.Validators.Add(DateArgument.Check);
        var outFolder = new Option<string>("--out") { Description = "Folder to write the month folders (yyyy-MM-dd) into.", Required = true };
        var region = new Option<string>("--region") { Description = "Geography: 'east-of-england' (eight PDUs) or 'national' (every region of England & Wales).", DefaultValueFactory = _ => Presets.National };
        var defects = new Option<double>("--defects") { Description = "Share of rows (0 to 1) made invalid, to exercise the importer.", DefaultValueFactory = _ => 0 };
        var outcomes = new Option<bool>("--outcomes") { Description = "Also write outcomes.csv: recalls, breaches, offences and deaths over the months, riskier with complexity." };

        var command = new Command("generate", "Write a synthetic population as monthly extracts (no real personal data).\n\n"
            + "Example:\n  complexcases generate --people 3000 --months 2 --as-of 2024-09-01 --out ./extracts")
        {
            people, months, seed, asOf, outFolder, region, defects, outcomes,
        };
        command.SetAction(parse =>
        {
            var dateText = parse.GetValue(asOf)!;
            if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return CliApp.Fail(error, $"--as-of: '{dateText}' is not a date in the form yyyy-MM-dd");
            }
            var options = new GeneratorOptions(parse.GetValue(people), parse.GetValue(months), parse.GetValue(seed), date,
                parse.GetValue(region)!, parse.GetValue(defects));
            var problems = GeneratorOptions.Validate(options);
            if (problems.Count > 0)
            {
                foreach (var problem in problems) error.WriteLine($"error: {problem}");
                return CliApp.UserError;
            }
            var folder = parse.GetValue(outFolder)!;
            var console = Terminal.For(output);
            IReadOnlyList<GeneratedMonth> written = [];
            try
            {
                if (Terminal.IsInteractive(console))
                {
                    console.Progress().Start(ctx =>
                    {
                        // People, not months: a one-month run would otherwise jump from 0 to 100%.
                        var task = ctx.AddTask("Generating people", maxValue: (double)options.People * options.Months);
                        written = PopulationGenerator.Generate(options, folder, new InlineProgress<GenerationProgress>(p => task.Value = Math.Max(task.Value, p.PeopleDone)));
                    });
                }
                else
                {
                    written = PopulationGenerator.Generate(options, folder);
                }
                if (parse.GetValue(outcomes)) output.WriteLine($"{OutcomeGenerator.Write(options, folder):N0} outcomes written to {OutcomeGenerator.FileName}");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"error: cannot write to {folder}: {ex.Message}");
                return CliApp.Failed;
            }

            var table = new Table().AddColumns("Month", "Folder", "People", "Rows", "Defect rows");
            foreach (var m in written)
            {
                table.AddRow(m.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Markup.Escape(m.Folder),
                    m.People.ToString("N0", CultureInfo.InvariantCulture), m.Rows.ToString("N0", CultureInfo.InvariantCulture),
                    m.DefectRows.ToString("N0", CultureInfo.InvariantCulture));
            }
            console.Write(table);
            return CliApp.Ok;
        });
        return command;
    }
}
