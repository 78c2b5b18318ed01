using System.Security.Cryptography;
using System.Text;
using ComplexCases.Domain.Definitions;

namespace ComplexCases.Application.Definitions;

/// <summary>A definition as read from its file, with the text kept so runs can store exactly what they used.</summary>
public sealed record DefinitionFile(Definition Definition, string Json, string Sha256)
{
    public const string PilotId = "pilot-2024";

    private static readonly System.Text.Json.JsonSerializerOptions CanonicalJson = new()
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>The definitions shipped beside the program (copied from the repository's definitions/ folder).</summary>
    public static string ShippedFolder => Path.Combine(AppContext.BaseDirectory, "definitions");

    public static string PilotPath => Path.Combine(ShippedFolder, PilotId + ".json");

    /// <summary>Loads and validates a definition file; every problem comes back as one message line.</summary>
    public static UseCaseResult<DefinitionFile> Load(string path)
    {
        if (!File.Exists(path)) return UseCaseResult<DefinitionFile>.Invalid($"definition file not found: {path}");
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return UseCaseResult<DefinitionFile>.Invalid($"definition file {Path.GetFileName(path)} cannot be read: {ex.Message}");
        }
        var parsed = DefinitionParser.Parse(json);
        if (!parsed.Succeeded)
            return UseCaseResult<DefinitionFile>.Invalid($"definition {Path.GetFileName(path)} is invalid: {string.Join("; ", parsed.Errors)}");
        // The fingerprint is of the definition's content, not its layout: re-indenting a file is not a new version.
        var canonical = System.Text.Json.JsonSerializer.Serialize(parsed.Definition!, CanonicalJson);
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
        return UseCaseResult<DefinitionFile>.Ok(new DefinitionFile(parsed.Definition!, json, sha));
    }
}
