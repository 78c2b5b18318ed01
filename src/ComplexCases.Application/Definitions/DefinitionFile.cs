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
    /// <summary>The largest definition file read: the pilot is 4 KB, and /dev/zero must not be read until memory runs out.</summary>
    public const int MaxBytes = 1 << 20;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static UseCaseResult<DefinitionFile> Load(string path)
    {
        var name = Extracts.Reading.EchoText.Of(Path.GetFileName(path));
        if (Directory.Exists(path)) return UseCaseResult<DefinitionFile>.Invalid($"definition {name} is a folder; give the definition's JSON file");
        if (!File.Exists(path)) return UseCaseResult<DefinitionFile>.Invalid($"definition file not found: {Extracts.Reading.EchoText.Of(path, 200)}");
        string json;
        try
        {
            // A pipe would wait for a writer for ever.
            if (!Extracts.Reading.SpecialFiles.IsRegularFile(path))
                return UseCaseResult<DefinitionFile>.Invalid($"definition {name} is not a regular file (a pipe, socket or device); give the definition's JSON file");
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            var bytes = new byte[MaxBytes + 1];
            var length = 0;
            int read;
            while (length < bytes.Length && (read = stream.Read(bytes, length, bytes.Length - length)) > 0) length += read;
            if (length > MaxBytes)
                return UseCaseResult<DefinitionFile>.Invalid($"definition {name} is larger than {MaxBytes / (1 << 20)} MB; a definition is a few kilobytes of JSON");
            var start = length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            json = StrictUtf8.GetString(bytes, start, length - start);
        }
        catch (DecoderFallbackException ex)
        {
            return UseCaseResult<DefinitionFile>.Invalid(
                $"definition {name} is not valid UTF-8 text{(ex.Index >= 0 ? $" (at byte {ex.Index + 1:N0})" : "")}; save it as UTF-8");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return UseCaseResult<DefinitionFile>.Invalid($"definition file {name} cannot be read: {Extracts.Reading.EchoText.Of(ex.Message, 200)}");
        }
        var parsed = DefinitionParser.Parse(json);
        if (!parsed.Succeeded)
            return UseCaseResult<DefinitionFile>.Invalid($"definition {name} is invalid: {Extracts.Reading.EchoText.Of(string.Join("; ", parsed.Errors), 2000)}");
        return UseCaseResult<DefinitionFile>.Ok(Of(parsed.Definition!, json));
    }

    /// <summary>Parses a definition's text (as pasted or uploaded): the definition, or every problem as <c>path: message</c>.</summary>
    public static (DefinitionFile? File, IReadOnlyList<string> Errors) FromJson(string json)
    {
        var parsed = DefinitionParser.Parse(json);
        return parsed.Succeeded ? (Of(parsed.Definition!, json), []) : (null, parsed.Errors);
    }

    private static DefinitionFile Of(Definition definition, string json)
    {
        // The fingerprint is of the definition's content, not its layout: re-indenting a file is not a new version.
        var canonical = System.Text.Json.JsonSerializer.Serialize(definition, CanonicalJson);
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
        return new DefinitionFile(definition, json, sha);
    }
}
