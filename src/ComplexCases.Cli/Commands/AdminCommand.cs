using System.CommandLine;
using System.Text;
using ComplexCases.Application;
using ComplexCases.Application.Administration;
using ComplexCases.Application.Storage;
using ComplexCases.Data.Providers;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Cli.Commands;

/// <summary>
/// <c>complexcases admin create</c>: an account made without the web, above all the first administrator of a new deployment
/// (a Production site has no demo accounts, and only an administrator can add accounts on <c>/admin/users</c>).
/// </summary>
internal static class AdminCommand
{
    public static Command Create(TextWriter output, TextWriter error, TextReader input, IServiceProvider services) =>
        new("admin", "Staff accounts, without the web site: the first administrator of a new deployment.")
        {
            CreateAccountCommand(output, error, input, services),
        };

    private static Command CreateAccountCommand(TextWriter output, TextWriter error, TextReader input, IServiceProvider services)
    {
        var db = new Option<string?>("--db") { Description = CliApp.DatabaseHelp };
        var user = new Option<string>("--user") { Description = "The user name to sign in with (for OpenID Connect: the value of the provider's user-name claim).", Required = true };
        var roles = new Option<string[]>("--role") { Description = "A role (repeat for more): Administrator (default), Practitioner, Spo, HeadOfPdu, PanelTeam, PanelMember, Qdo, Analyst.", AllowMultipleArgumentsPerToken = false };
        var name = new Option<string?>("--name") { Description = "The person's name as the service shows it (default: the user name)." };
        var email = new Option<string?>("--email") { Description = "Email address, for notifications." };
        var staffCode = new Option<string?>("--staff-code") { Description = "Staff code as in the extract (a practitioner's or SPO's cases)." };
        var teams = new Option<string?>("--team") { Description = "Team codes an SPO leads, comma-separated." };
        var pdu = new Option<string?>("--pdu") { Description = "PDU code (a head of PDU's cases)." };
        var region = new Option<string?>("--region") { Description = "Region code (panel team, QDO)." };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input (for scripts)." };
        var oidc = new Option<bool>("--oidc") { Description = "No password: the person signs in with the organisation's identity provider (OpenID Connect), whose user-name claim must equal --user." };
        var command = new Command("create", "Create a staff account; without --password-stdin or --oidc the password is asked for (not shown).\n\n"
            + "Examples:\n  complexcases admin create --user jane.smith --db ./complexcases.db\n"
            + "  printf '%s\\n' \"$ADMIN_PASSWORD\" | complexcases admin create --user jane.smith --password-stdin --db \"Host=db;Database=complexcases;Username=cc\"\n"
            + "  complexcases admin create --user jane.smith@justice.gov.uk --oidc --db ./complexcases.db")
            { db, user, roles, name, email, staffCode, teams, pdu, region, passwordStdin, oidc };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(passwordStdin) && parse.GetValue(oidc)) return CliApp.Fail(error, "give --password-stdin or --oidc, not both");
            string? password = null;
            if (!parse.GetValue(oidc))
            {
                string? problem;
                (password, problem) = parse.GetValue(passwordStdin) ? (input.ReadLine(), "no password on standard input") : Prompt(input, error);
                if (password is null) return CliApp.Fail(error, problem);
                if (password.Length == 0) return CliApp.Fail(error, "the password is empty");
            }

            var target = DatabaseTarget.Resolve(services.GetRequiredService<IStoreProvider>(), parse.GetValue(db));
            if (!target.Succeeded) return CliApp.Fail(error, target.Error);
            var provider = target.Value.Provider;
            try
            {
                await using var scope = services.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<CommandDatabase>().Context = target.Value.Open();
                var created = await scope.ServiceProvider.GetRequiredService<CreateAccount>().RunAsync(new NewAccount(parse.GetValue(user)!, parse.GetValue(roles) ?? [])
                {
                    DisplayName = parse.GetValue(name), Email = parse.GetValue(email), StaffCode = parse.GetValue(staffCode), TeamCodes = parse.GetValue(teams),
                    PduCode = parse.GetValue(pdu), RegionCode = parse.GetValue(region), Password = password,
                }, CliActor.Current);
                if (!created.Succeeded)
                {
                    var exit = CliApp.Fail(error, created);
                    error.WriteLine("Nothing was stored.");
                    return exit;
                }
                var account = created.Value;
                output.WriteLine($"Created {account.UserName} ({account.Roles.Replace(",", ", ", StringComparison.Ordinal)}) in {target.Value.Description}.");
                output.WriteLine(password is null
                    ? $"They sign in with the organisation's identity provider, whose user-name claim must be '{account.UserName}'."
                    : "They sign in with this user name and password; recorded in the audit log as account.created.");
                return CliApp.Ok;
            }
            catch (Exception ex) when (provider.IsUnusableTarget(ex))
            {
                return CliApp.Fail(error, $"--db: cannot use {target.Value.Description}: {ex.GetBaseException().Message}; nothing was stored");
            }
        });
        return command;
    }

    /// <summary>Asks twice, without echo, on a real terminal; null when there is none (input redirected, or a test's reader).</summary>
    private static (string? Password, string? Problem) Prompt(TextReader input, TextWriter error)
    {
        if (!ReferenceEquals(input, Console.In) || Console.IsInputRedirected)
            return (null, "no terminal to ask for the password on: give it with --password-stdin, or --oidc for an account that signs in with OpenID Connect");
        var first = ReadHidden(error, "Password: ");
        var second = ReadHidden(error, "Password again: ");
        return first == second ? (first, null) : (null, "the two passwords differ");
    }

    private static string ReadHidden(TextWriter error, string label)
    {
        error.Write(label);
        var text = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace)
            {
                if (text.Length > 0) text.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }
        error.WriteLine();
        return text.ToString();
    }
}
