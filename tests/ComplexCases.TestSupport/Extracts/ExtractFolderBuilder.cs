using System.Text;
using ComplexCases.Extracts.Reading;

namespace ComplexCases.TestSupport.Extracts;

/// <summary>
/// Writes an extract folder (format v1) to a new temporary directory, with sensible defaults so a
/// test states only what it is about. Every file is written (header only when it has no rows)
/// unless <see cref="WithoutFile"/> says otherwise. Dispose deletes the folder.
/// </summary>
/// <example>
/// <code>
/// using var extract = new ExtractFolderBuilder()
///     .WithPerson("E000001", pdu: "EOENFK")
///     .WithRegistration("E000001", "RHRH", "2024-01-01");
/// var outcome = ExtractReader.Read(extract.Build());
/// </code>
/// Rows are written in the order they are added: the first data row of a file is on line 2.
/// </example>
public sealed class ExtractFolderBuilder : IDisposable
{
    // The file names, here too so that tests can `using static` the builder.
    public const string People = ExtractFiles.People;
    public const string Staff = ExtractFiles.Staff;
    public const string Registrations = ExtractFiles.Registrations;
    public const string Assessments = ExtractFiles.Assessments;
    public const string Sentences = ExtractFiles.Sentences;
    public const string OpdScreenings = ExtractFiles.OpdScreenings;

    /// <summary>Each file's columns as the contract lists them.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ContractColumns { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        [People] = ["crn", "forename", "surname", "date_of_birth", "gender", "region_code", "region_name", "pdu_code", "pdu_name", "team_code", "team_name", "practitioner_code", "lao"],
        [Staff] = ["staff_code", "forename", "surname", "email", "grade", "team_code", "pdu_code", "manager_code"],
        [Registrations] = ["crn", "register_code", "register_description", "level_code", "category_code", "registered_on", "deregistered_on"],
        [Assessments] = ["crn", "assessment_id", "completed_on", "rosh_overall", "alcohol_need", "drug_need", "alcohol_score", "drug_score", "learning_difficulties", "mental_health_concerns", "self_harm_concerns"],
        [Sentences] = ["crn", "event_number", "sentence_type", "sentence_description", "sentenced_on", "terminated_on"],
        [OpdScreenings] = ["crn", "screened_on", "result", "override"],
    };

    private readonly Dictionary<string, FileSpec> _files = ContractColumns.ToDictionary(kv => kv.Key, kv => new FileSpec(kv.Value), StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _rawFiles = new(StringComparer.Ordinal);
    private bool _bom;
    private string _lineEnding = "\n";

    /// <summary>The folder the extract is written to (it exists once <see cref="Build"/> has run).</summary>
    public string Folder { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "complexcases-extract-" + Guid.NewGuid().ToString("N"));

    public ExtractFolderBuilder WithPerson(
        string crn,
        string? pdu = "EOENFK",
        string? region = "N07",
        string? forename = "Alex",
        string? surname = "Smith",
        string? dateOfBirth = "1980-01-01",
        string? gender = "M",
        string? regionName = "East of England",
        string? pduName = "Norfolk",
        string? team = "EOENFK1",
        string? teamName = "Norwich 1",
        string? practitioner = null,
        string? lao = "N") =>
        WithRow(People,
            ("crn", crn), ("forename", forename), ("surname", surname), ("date_of_birth", dateOfBirth), ("gender", gender),
            ("region_code", region), ("region_name", regionName), ("pdu_code", pdu), ("pdu_name", pduName),
            ("team_code", team), ("team_name", teamName), ("practitioner_code", practitioner), ("lao", lao));

    /// <summary>Adds a person for each CRN, with the defaults.</summary>
    public ExtractFolderBuilder WithPeople(params string[] crns)
    {
        foreach (var crn in crns) WithPerson(crn);
        return this;
    }

    public ExtractFolderBuilder WithStaff(
        string staffCode,
        string? forename = "Sam",
        string? surname = "Jones",
        string? email = null,
        string? grade = "PO",
        string? team = "EOENFK1",
        string? pdu = "EOENFK",
        string? manager = null) =>
        WithRow(Staff,
            ("staff_code", staffCode), ("forename", forename), ("surname", surname), ("email", email), ("grade", grade),
            ("team_code", team), ("pdu_code", pdu), ("manager_code", manager));

    public ExtractFolderBuilder WithRegistration(
        string crn,
        string? code,
        string? registeredOn,
        string? deregisteredOn = null,
        string? level = null,
        string? category = null,
        string? description = null) =>
        WithRow(Registrations,
            ("crn", crn), ("register_code", code), ("register_description", description), ("level_code", level),
            ("category_code", category), ("registered_on", registeredOn), ("deregistered_on", deregisteredOn));

    public ExtractFolderBuilder WithAssessment(
        string crn,
        string? id,
        string? completedOn,
        string? rosh = null,
        string? alcoholNeed = null,
        string? drugNeed = null,
        string? alcoholScore = null,
        string? drugScore = null,
        string? learningDifficulties = null,
        string? mentalHealth = null,
        string? selfHarm = null) =>
        WithRow(Assessments,
            ("crn", crn), ("assessment_id", id), ("completed_on", completedOn), ("rosh_overall", rosh),
            ("alcohol_need", alcoholNeed), ("drug_need", drugNeed), ("alcohol_score", alcoholScore), ("drug_score", drugScore),
            ("learning_difficulties", learningDifficulties), ("mental_health_concerns", mentalHealth), ("self_harm_concerns", selfHarm));

    public ExtractFolderBuilder WithSentence(
        string crn,
        string? eventNumber,
        string? type,
        string? sentencedOn,
        string? terminatedOn = null,
        string? description = null) =>
        WithRow(Sentences,
            ("crn", crn), ("event_number", eventNumber), ("sentence_type", type), ("sentence_description", description),
            ("sentenced_on", sentencedOn), ("terminated_on", terminatedOn));

    public ExtractFolderBuilder WithOpdScreening(string crn, string? screenedOn, string? result, string? overridden = null) =>
        WithRow(OpdScreenings, ("crn", crn), ("screened_on", screenedOn), ("result", result), ("override", overridden));

    /// <summary>
    /// Adds a row to any file. Columns not named are left empty; a column the contract does not know
    /// is added to the header (after the contract's columns) unless <see cref="WithColumns"/> fixed the header.
    /// </summary>
    public ExtractFolderBuilder WithRow(string fileName, params (string Column, string? Value)[] cells)
    {
        var file = FileOf(fileName);
        var row = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (column, value) in cells)
        {
            row[column] = value;
            if (!file.Columns.Contains(column, StringComparer.OrdinalIgnoreCase) && !file.Extra.Contains(column, StringComparer.OrdinalIgnoreCase))
                file.Extra.Add(column);
        }
        file.Rows.Add(row);
        return this;
    }

    /// <summary>
    /// Sets a file's header exactly: column names as written (any case, any order, unknown names
    /// allowed, contract columns left out). Each row's cells follow the header, matched by name ignoring case.
    /// </summary>
    public ExtractFolderBuilder WithColumns(string fileName, params string[] header)
    {
        var file = FileOf(fileName);
        file.Header = header;
        return this;
    }

    /// <summary>Leaves a file out of the folder.</summary>
    public ExtractFolderBuilder WithoutFile(string fileName)
    {
        FileOf(fileName).Omitted = true;
        return this;
    }

    /// <summary>Writes a file exactly as given (UTF-8, no BOM), instead of from rows. Any file name is allowed.</summary>
    public ExtractFolderBuilder WithRawFile(string fileName, string text) => WithRawFile(fileName, new UTF8Encoding(false).GetBytes(text));

    /// <summary>Writes a file exactly as these bytes, instead of from rows. Any file name is allowed.</summary>
    public ExtractFolderBuilder WithRawFile(string fileName, byte[] bytes)
    {
        _rawFiles[fileName] = bytes;
        return this;
    }

    /// <summary>Starts every file written from rows with a UTF-8 byte-order mark.</summary>
    public ExtractFolderBuilder WithBom(bool bom = true)
    {
        _bom = bom;
        return this;
    }

    /// <summary>Ends the lines of files written from rows with this (default "\n").</summary>
    public ExtractFolderBuilder WithLineEnding(string lineEnding)
    {
        _lineEnding = lineEnding;
        return this;
    }

    /// <summary>Writes (or rewrites) the folder and returns its path.</summary>
    public string Build()
    {
        Directory.CreateDirectory(Folder);
        foreach (var (name, file) in _files)
        {
            var path = System.IO.Path.Combine(Folder, name);
            if (_rawFiles.ContainsKey(name)) continue;
            if (file.Omitted)
            {
                File.Delete(path);
                continue;
            }
            var bytes = new UTF8Encoding(false).GetBytes(Render(file));
            File.WriteAllBytes(path, _bom ? [.. Encoding.UTF8.Preamble, .. bytes] : bytes);
        }
        foreach (var (name, bytes) in _rawFiles) File.WriteAllBytes(System.IO.Path.Combine(Folder, name), bytes);
        return Folder;
    }

    /// <summary>The path of one file of the folder.</summary>
    public string PathOf(string fileName) => System.IO.Path.Combine(Folder, fileName);

    /// <summary>The CSV text a file would be written with (before any BOM).</summary>
    public string TextOf(string fileName) => Render(FileOf(fileName));

    public void Dispose()
    {
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }

    /// <summary>Quotes a cell as RFC 4180 asks when it needs it.</summary>
    public static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        var needsQuotes = value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value[0] == ' ' || value[^1] == ' ';
        return needsQuotes ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private string Render(FileSpec file)
    {
        var header = file.Header ?? [.. file.Columns, .. file.Extra];
        var text = new StringBuilder();
        text.Append(string.Join(',', header.Select(Escape))).Append(_lineEnding);
        foreach (var row in file.Rows)
        {
            text.Append(string.Join(',', header.Select(column => Escape(row.GetValueOrDefault(column.Trim()))))).Append(_lineEnding);
        }
        return text.ToString();
    }

    private FileSpec FileOf(string fileName)
    {
        return _files.TryGetValue(fileName, out var file)
            ? file
            : throw new ArgumentException($"'{fileName}' is not an extract file; use WithRawFile for other files.", nameof(fileName));
    }

    private sealed class FileSpec(IReadOnlyList<string> columns)
    {
        public IReadOnlyList<string> Columns { get; } = columns;
        public List<string> Extra { get; } = [];
        public List<Dictionary<string, string?>> Rows { get; } = [];
        public IReadOnlyList<string>? Header { get; set; }
        public bool Omitted { get; set; }
    }
}
