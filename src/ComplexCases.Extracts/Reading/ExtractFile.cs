using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using ComplexCases.Domain.People;
using nietras.SeparatedValues;

namespace ComplexCases.Extracts.Reading;

/// <summary>One column of the contract.</summary>
internal readonly record struct ColumnSpec(string Name, bool Required, MaskKind Mask = MaskKind.None);

/// <summary>
/// Reads one file of the extract: opens it and checks its header (<see cref="Open"/>), then streams
/// its rows (<see cref="ReadRows"/>), rejecting rows that break a rule of their own. Rules that need
/// other rows or files (duplicate keys, orphans) are applied afterwards by the subclasses.
/// </summary>
/// <remarks>
/// The per-row paths here and in the file classes are marked AggressiveOptimization: a read runs
/// once per process for about a second, and tiered compilation would spend much of that second in
/// unoptimised code and recompiling (measured: about a third slower on the national extract).
/// </remarks>
internal abstract class ExtractFile : IDisposable
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly SepReaderOptions CsvOptions = Sep.New(',').Reader(o => o with
    {
        HasHeader = false, // the header is read as a row: duplicate or odd names are ours to report
        // Cells are unquoted once, by Clean: with Sep unescaping as well, a cell such as """>x" (the value ">x") lost its
        // remaining quote to a second unquoting.
        Unescape = false,
        Trim = SepTrim.None, // trimmed in Clean: Sep's trimming path doubled the cost of reading a cell
        DisableColCountCheck = true,
        DisableFastFloat = true,
        CultureInfo = CultureInfo.InvariantCulture,
    });

    private readonly List<Rejection> _rejections = [];
    private readonly List<ExtractWarning> _warnings = [];
    private readonly string?[] _requiredDetails;
    private readonly string?[] _malformedDetails;
    // One pool per column: each stays small enough to sit in the CPU cache, which a shared one did not.
    private readonly StringPool?[] _pools;
    private HashingStream? _stream;
    private SepReader? _reader;
    private int _headerColumnCount;

    protected ExtractFile(string fileName, ColumnSpec[] columns, bool required = false)
    {
        FileName = fileName;
        Columns = columns;
        IsRequired = required;
        ColumnIndex = new int[columns.Length];
        Array.Fill(ColumnIndex, -1);
        _requiredDetails = new string?[columns.Length];
        _malformedDetails = new string?[columns.Length];
        _pools = new StringPool?[columns.Length];
    }

    public string FileName { get; }

    public IReadOnlyList<ColumnSpec> Columns { get; }

    public bool IsRequired { get; }

    public bool Present { get; private set; }

    /// <summary>Size in bytes (0 when absent).</summary>
    public long Length { get; private set; }

    /// <summary>Data rows read (not the header, not blank lines).</summary>
    public int RowsRead { get; private set; }

    public abstract int RowsAccepted { get; }

    public int RowsRejected => _rejections.Count;

    /// <summary>SHA-256 of the file's bytes, once it has been read to the end.</summary>
    public string? Sha256 { get; private set; }

    public IReadOnlyList<Rejection> Rejections => _rejections;

    public IReadOnlyList<ExtractWarning> Warnings => _warnings;

    /// <summary>Per column of <see cref="Columns"/>: its index in the file's header, or −1 when the file lacks it.</summary>
    protected int[] ColumnIndex { get; }

    /// <summary>The columns this file has, in the order of its header: the order in which a row's cells are checked.</summary>
    protected int[] FieldsInHeaderOrder { get; private set; } = [];

    /// <summary>Opens the file and reads its header. Returns the fatal problem, if any.</summary>
    public ExtractError? Open(string folder, IProgress<ExtractProgress>? progress)
    {
        try
        {
            var (path, problem) = FindFile(folder, FileName);
            if (problem is not null) return problem;
            if (path is null)
            {
                return IsRequired ? new ExtractError(FileName, $"{FileName} is missing from the extract folder") : null;
            }
            // Where a CSV file should be, a folder or a pipe must not read as "missing" or hang the run.
            if (Directory.Exists(path))
                return new ExtractError(FileName, $"{Masking.Shown(Path.GetFileName(path))} in the extract folder is a folder, not a file");
            if (!SpecialFiles.IsRegularFile(path))
                return new ExtractError(FileName, $"{Masking.Shown(Path.GetFileName(path))} in the extract folder is not a regular file (a pipe, socket or device); export it as a file");
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            Present = true;
            Length = file.Length;
            _stream = new HashingStream(file, FileName, progress);
            var text = new StreamReader(_stream, StrictUtf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
            _reader = CsvOptions.From(text);
            // Creating the reader read the start of the file, so a byte-order mark has been seen by now:
            // UTF-16 and UTF-32 files would otherwise be decoded silently.
            if (text.CurrentEncoding.CodePage != Encoding.UTF8.CodePage)
                return new ExtractError(FileName, $"{FileName} is not UTF-8 text (it starts with a {text.CurrentEncoding.EncodingName} byte-order mark)");
            return ReadHeader(_reader);
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            return Unreadable(e);
        }
    }

    /// <summary>Reads every data row (and the rest of the bytes, for the fingerprint). Returns the fatal problem, if any.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ExtractError? ReadRows(CancellationToken cancellationToken)
    {
        if (_reader is null || _stream is null) return null;
        var nextLine = 2;
        try
        {
            var blankLines = 0;
            var reader = _reader;
            while (reader.MoveNext())
            {
                var row = reader.Current;
                nextLine = row.LineNumberToExcl;
                if ((RowsRead & 0xFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
                if (HasUnclosedQuote(row))
                {
                    RowsRead++;
                    _rejections.Add(new Rejection(FileName, row.LineNumberFrom, "", RejectionReason.WrongNumberOfFields,
                        $"a quote is never closed, so lines {row.LineNumberFrom}-{row.LineNumberToExcl - 1} (to the end of the file) read as one row",
                        row.ColCount.ToString(CultureInfo.InvariantCulture)));
                    continue;
                }
                if (row.ColCount != _headerColumnCount)
                {
                    if (row.ColCount == 1 && Clean(row[0].Span).IsEmpty)
                    {
                        blankLines++;
                        continue;
                    }
                    RowsRead++;
                    var spread = row.LineNumberToExcl - row.LineNumberFrom > 1
                        ? $"; the row runs over lines {row.LineNumberFrom}-{row.LineNumberToExcl - 1}"
                        : "";
                    _rejections.Add(new Rejection(FileName, row.LineNumberFrom, "", RejectionReason.WrongNumberOfFields,
                        $"expected {_headerColumnCount} fields, found {row.ColCount}{spread}", row.ColCount.ToString(CultureInfo.InvariantCulture)));
                    continue;
                }
                RowsRead++;
                var rejectedBefore = _rejections.Count;
                ReadRow(row, row.LineNumberFrom);
                if (_rejections.Count != rejectedBefore && NamesPeople) NamePerson(row);
            }
            Sha256 = _stream.Finish();
            if (blankLines > 0) Warn($"{blankLines} blank line(s) ignored");
            return null;
        }
        catch (NotSupportedException)
        {
            // The parser's limit on one row (16 million characters): only a quote left open gets there.
            return new ExtractError(FileName, $"{FileName}: from line {nextLine} on, the text cannot be split into rows (a quote is probably never closed)");
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            return Unreadable(e);
        }
        finally
        {
            Release();
        }
    }

    /// <summary>
    /// A quote left open swallows the rest of the file into one field, which can look like a good row.
    /// Quotes come in pairs in any row that ended properly (the parser toggles on each), so an odd count
    /// means the row ran to the end of the file. Checked on the row's raw text, before any unescaping.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool HasUnclosedQuote(SepReader.Row row)
    {
        var text = row.Span;
        var first = text.IndexOf('"');
        return first >= 0 && (text[first..].Count('"') & 1) == 1;
    }

    /// <summary>
    /// True for a file of person records whose first column of the contract is <c>crn</c>: a row rejected for what it
    /// holds still names its person, whose records are then incomplete (criteria.md).
    /// </summary>
    protected virtual bool NamesPeople => false;

    /// <summary>Records on the row's (last) rejection the CRN its crn cell holds, if well-formed, whatever field was at fault.</summary>
    private void NamePerson(SepReader.Row row)
    {
        if (Crn.TryParse(Cell(row, 0), out var crn)) _rejections[^1] = _rejections[^1] with { Names = crn };
    }

    /// <summary>Checks one row whose field count is right; accepts it (for now) or rejects it.</summary>
    protected abstract void ReadRow(SepReader.Row row, int line);

    public void Dispose() => Release();

    protected void Warn(string message) => _warnings.Add(new ExtractWarning(FileName, message));

    /// <summary>The trimmed cell of <paramref name="field"/> (which this file is known to have).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected ReadOnlySpan<char> Cell(SepReader.Row row, int field) => Clean(row[ColumnIndex[field]].Span);

    /// <summary>
    /// Trims white space, and unquotes a quoted cell (RFC 4180: outer quotes dropped, doubled quotes made single), also one
    /// quoted with spaces outside the quotes (<c> "a,b" </c>). The parser leaves every cell as written, so this is the one
    /// and only unquoting: <c>""">x"</c> is <c>"&gt;x</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ReadOnlySpan<char> Clean(ReadOnlySpan<char> cell)
    {
        cell = cell.Trim();
        return cell.IsEmpty || cell[0] != '"' ? cell : Unquote(cell);
    }

    private static ReadOnlySpan<char> Unquote(ReadOnlySpan<char> cell)
    {
        var inner = cell[1..];
        if (inner.EndsWith('"')) inner = inner[..^1];
        return inner.ToString().Replace("\"\"", "\"", StringComparison.Ordinal).AsSpan().Trim();
    }

    /// <summary>The cell as an interned string, or null when empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected string? Text(ReadOnlySpan<char> cell, int field) => cell.IsEmpty ? null : (_pools[field] ??= new StringPool()).Get(cell);

    /// <summary>The cell upper-cased as an interned string, or null when empty (codes are matched ignoring case).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected string? Code(ReadOnlySpan<char> cell, int field) => cell.IsEmpty ? null : (_pools[field] ??= new StringPool()).GetUpper(cell);

    protected void Reject(int line, int field, RejectionReason reason, string detail, ReadOnlySpan<char> value)
    {
        var column = Columns[field];
        _rejections.Add(new Rejection(FileName, line, column.Name, reason, detail, Masking.Show(value, column.Mask)));
    }

    protected void Reject(Rejection rejection) => _rejections.Add(rejection);

    /// <summary>Puts the rejections in line order once the after-the-fact rules have added theirs.</summary>
    protected void SortRejections()
    {
        for (var i = 1; i < _rejections.Count; i++)
        {
            if (_rejections[i - 1].Line > _rejections[i].Line)
            {
                _rejections.Sort(static (a, b) => a.Line.CompareTo(b.Line));
                return;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected bool Required(ReadOnlySpan<char> cell, int line, int field)
    {
        if (!cell.IsEmpty) return true;
        Reject(line, field, RejectionReason.MissingRequiredValue, _requiredDetails[field] ??= $"{Columns[field].Name} is required", cell);
        return false;
    }

    /// <param name="expected">What the column must hold; the same text every time for a column (the detail is made once).</param>
    protected bool Malformed(ReadOnlySpan<char> cell, int line, int field, string expected)
    {
        Reject(line, field, RejectionReason.MalformedValue, _malformedDetails[field] ??= $"{Columns[field].Name} must be {expected}", cell);
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected bool ReadCrn(ReadOnlySpan<char> cell, int line, int field, out Crn crn)
    {
        crn = default;
        if (!Required(cell, line, field)) return false;
        return Crn.TryParse(cell, out crn) || Malformed(cell, line, field, "a CRN: one capital letter and six digits");
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected bool ReadDate(ReadOnlySpan<char> cell, int line, int field, out DateOnly date)
    {
        date = default;
        if (!Required(cell, line, field)) return false;
        return Cells.TryParseDate(cell, out date) || Malformed(cell, line, field, "a date written yyyy-MM-dd");
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected bool ReadOptionalDate(ReadOnlySpan<char> cell, int line, int field, out DateOnly? date)
    {
        date = null;
        if (cell.IsEmpty) return true;
        if (!Cells.TryParseDate(cell, out var value)) return Malformed(cell, line, field, "a date written yyyy-MM-dd, or empty");
        date = value;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected bool ReadFlag(ReadOnlySpan<char> cell, int line, int field, out Flag flag)
    {
        flag = Flag.Unknown;
        if (cell.IsEmpty) return true;
        return Cells.TryParseFlag(cell, out flag) || Malformed(cell, line, field, "Y or N (or YES, NO, TRUE, FALSE, 1, 0), or empty");
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected bool ReadScore(ReadOnlySpan<char> cell, int line, int field, out int? score)
    {
        score = null;
        if (cell.IsEmpty) return true;
        if (!Cells.TryParseScore(cell, out var value)) return Malformed(cell, line, field, "a whole number of 0 or more, or empty");
        score = value;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected bool DateOrder(DateOnly start, DateOnly? end, int line, int startField, int endField)
    {
        if (end is not { } e || e >= start) return true;
        var endText = e.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Reject(line, endField, RejectionReason.DateOrder,
            $"{Columns[endField].Name} {endText} is before {Columns[startField].Name} {start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
            endText);
        return false;
    }

    private ExtractError? ReadHeader(SepReader reader)
    {
        if (!reader.MoveNext()) return NoHeader(blankFirstLine: false);
        var header = reader.Current;
        if (header.ColCount == 1 && Clean(header[0].Span).IsEmpty)
        {
            while (reader.MoveNext())
            {
                var row = reader.Current;
                if (row.ColCount != 1 || !Clean(row[0].Span).IsEmpty) return new ExtractError(FileName, $"{FileName} has no header: line 1 is blank");
            }
            return NoHeader(blankFirstLine: true);
        }

        _headerColumnCount = header.ColCount;
        var ignored = new List<string>();
        for (var i = 0; i < header.ColCount; i++)
        {
            var name = Clean(header[i].Span);
            var field = FieldNamed(name);
            if (field < 0)
            {
                ignored.Add(name.IsEmpty ? $"(column {i + 1}, no name)" : $"'{Masking.Show(name, MaskKind.None)}'");
            }
            else if (ColumnIndex[field] >= 0)
            {
                return new ExtractError(FileName, $"{FileName}: column '{Columns[field].Name}' appears more than once in the header");
            }
            else
            {
                ColumnIndex[field] = i;
            }
        }

        // One warning per file, however wide the header: an export with thousands of extra columns is one fact.
        if (ignored.Count > 0)
        {
            var shown = string.Join(", ", ignored.Take(10)) + (ignored.Count > 10 ? $" and {ignored.Count - 10} more" : "");
            Warn(ignored.Count == 1 ? $"unknown column {shown} ignored" : $"{ignored.Count} unknown columns ignored: {shown}");
        }

        var missing = Enumerable.Range(0, Columns.Count).Where(f => Columns[f].Required && ColumnIndex[f] < 0).Select(f => $"'{Columns[f].Name}'").ToList();
        if (missing.Count == 1) return new ExtractError(FileName, $"{FileName}: required column {missing[0]} is missing");
        if (missing.Count > 1) return new ExtractError(FileName, $"{FileName}: required columns {string.Join(", ", missing)} are missing");

        FieldsInHeaderOrder = Enumerable.Range(0, Columns.Count).Where(f => ColumnIndex[f] >= 0).OrderBy(f => ColumnIndex[f]).ToArray();
        return null;
    }

    /// <summary>An empty file: fatal for people.csv; any other file simply has no rows.</summary>
    private ExtractError? NoHeader(bool blankFirstLine)
    {
        if (IsRequired) return new ExtractError(FileName, blankFirstLine ? $"{FileName} has no header: line 1 is blank" : $"{FileName} has no header");
        Warn("the file is empty");
        return null;
    }

    private int FieldNamed(ReadOnlySpan<char> name)
    {
        for (var f = 0; f < Columns.Count; f++)
        {
            if (name.Equals(Columns[f].Name, StringComparison.OrdinalIgnoreCase)) return f;
        }
        return -1;
    }

    /// <summary>
    /// The file's path, matching its name regardless of case (exports from Windows), or null when absent. Two entries
    /// whose names differ only in case are an error naming both: which one is the month's is not ours to guess.
    /// </summary>
    private static (string? Path, ExtractError? Problem) FindFile(string folder, string fileName)
    {
        List<string> matches;
        try
        {
            matches = [.. Directory.EnumerateFileSystemEntries(folder)
                .Where(p => string.Equals(Path.GetFileName(p), fileName, StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, new ExtractError(null, $"the extract folder cannot be read: {Masking.Shown(e.Message)}"));
        }
        return matches.Count switch
        {
            0 => (null, null),
            1 => (matches[0], null),
            _ => (null, new ExtractError(fileName,
                $"the extract folder holds {string.Join(" and ", matches.Select(m => $"'{Masking.Shown(Path.GetFileName(m))}'"))}, whose names differ only in case; keep only one")),
        };
    }

    private static bool IsUnreadable(Exception e) =>
        e is IOException or UnauthorizedAccessException or DecoderFallbackException or NotSupportedException or InvalidDataException;

    private ExtractError Unreadable(Exception e) => e is DecoderFallbackException
        ? new ExtractError(FileName, $"{FileName} is not valid UTF-8 text")
        : new ExtractError(FileName, $"{FileName} could not be read: {e.Message}");

    private void Release()
    {
        _reader?.Dispose();
        _reader = null;
        _stream?.Dispose();
        _stream = null;
    }
}
