using System.CommandLine.Parsing;
using System.Globalization;
using ComplexCases.Extracts.Reading;

namespace ComplexCases.Cli.Commands;

/// <summary>A yyyy-MM-dd option, checked while parsing so that it is reported with every other problem.</summary>
internal static class DateArgument
{
    public static void Check(OptionResult result)
    {
        var text = result.GetValueOrDefault<string>();
        if (text is not null && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            result.AddError($"{result.Option.Name}: '{EchoText.Of(text)}' is not a date in the form yyyy-MM-dd");
    }
}
