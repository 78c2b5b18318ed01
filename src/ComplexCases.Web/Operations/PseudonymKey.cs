using ComplexCases.Application.Access;

namespace ComplexCases.Web.Operations;

/// <summary>
/// The analysts' pseudonym key. In Production it must come from configuration: every instance and every restart has to
/// give a person the same pseudonym, or an analyst's figures and follow-ups would not join up across pages and months.
/// Outside Production (demo, development, tests) a random key is made when none is set, so pseudonyms hold while the
/// process runs.
/// </summary>
internal static class PseudonymKey
{
    public const string Setting = "Pseudonyms:Key";

    public static IServiceCollection AddPseudonyms(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var key = configuration[Setting];
        if (string.IsNullOrEmpty(key))
        {
            if (environment.IsProduction())
                throw new StartRefusedException($"{Setting} must be set in Production: base64 of at least {Pseudonymiser.MinimumKeyBytes} random bytes " +
                    "(e.g. `openssl rand -base64 32`), the same on every instance, from a secret store.");
            return services.AddSingleton(new Pseudonymiser(System.Security.Cryptography.RandomNumberGenerator.GetBytes(Pseudonymiser.MinimumKeyBytes)));
        }
        try
        {
            return services.AddSingleton(Pseudonymiser.FromBase64(key));
        }
        catch (ArgumentException ex)
        {
            // The message names the rule broken; never the value, which is a secret.
            throw new StartRefusedException($"{Setting}: {ex.Message.Split(" (Parameter", 2)[0]}", ex);
        }
    }
}
