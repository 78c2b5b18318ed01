using Spectre.Console;

namespace ComplexCases.Cli.Commands;

/// <summary>Spectre console over the given writer; progress is animated only on a real terminal.</summary>
internal static class Terminal
{
    public static IAnsiConsole For(TextWriter output) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(output),
        Interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected ? InteractionSupport.Yes : InteractionSupport.No,
        Ansi = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected ? AnsiSupport.Detect : AnsiSupport.No,
    });

    public static bool IsInteractive(IAnsiConsole console) => console.Profile.Capabilities.Interactive;
}
