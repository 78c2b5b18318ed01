using System.Text;

namespace ComplexCases.Synthetic;

/// <summary>
/// A minimal, allocation-free CSV writer: UTF-8 without BOM, comma separated, LF line ends, RFC 4180
/// quoting where a value needs it. Values that repeat (codes, names) are encoded once with
/// <see cref="Encode"/> and copied as bytes, which is what makes a national extract take seconds.
/// </summary>
internal sealed class CsvFileWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[1 << 17];
    private int _position;
    private bool _inRow;

    /// <param name="header">Written first when given; not counted in <see cref="Rows"/>.</param>
    public CsvFileWriter(Stream stream, string? header = null)
    {
        _stream = stream;
        if (header is null) return;
        var bytes = Encoding.UTF8.GetBytes(header + "\n");
        bytes.CopyTo(_buffer, 0);
        _position = bytes.Length;
    }

    public static FileStream CreateFile(string path) =>
        new(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);

    /// <summary>Data rows written (the header is not counted).</summary>
    public int Rows { get; set; }

    /// <summary>UTF-8 bytes of a value as it appears in a file: quoted (with doubled quotes) when RFC 4180 requires.</summary>
    public static byte[] Encode(string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0) return Encoding.UTF8.GetBytes(value);
        return Encoding.UTF8.GetBytes("\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"");
    }

    public void Bytes(ReadOnlySpan<byte> encoded)
    {
        Separator(encoded.Length);
        encoded.CopyTo(_buffer.AsSpan(_position));
        _position += encoded.Length;
    }

    public void Text(string? value)
    {
        if (string.IsNullOrEmpty(value)) { Empty(); return; }
        if (value.AsSpan().IndexOfAny(",\"\r\n") >= 0) { Bytes(Encode(value)); return; }
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (max > _buffer.Length / 2) { Bytes(Encoding.UTF8.GetBytes(value)); return; }
        Separator(max);
        _position += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_position));
    }

    /// <summary>A value known to be plain ASCII with nothing to quote (codes, enum values).</summary>
    public void Ascii(string value)
    {
        Separator(value.Length);
        var span = _buffer.AsSpan(_position, value.Length);
        for (var i = 0; i < value.Length; i++) span[i] = (byte)value[i];
        _position += value.Length;
    }

    public void Empty() => Separator(0);

    public void Date(DateOnly date)
    {
        Separator(10);
        var b = _buffer.AsSpan(_position, 10);
        int year = date.Year, month = date.Month, day = date.Day;
        b[0] = (byte)('0' + (year / 1000));
        b[1] = (byte)('0' + (year / 100 % 10));
        b[2] = (byte)('0' + (year / 10 % 10));
        b[3] = (byte)('0' + (year % 10));
        b[4] = (byte)'-';
        b[5] = (byte)('0' + (month / 10));
        b[6] = (byte)('0' + (month % 10));
        b[7] = (byte)'-';
        b[8] = (byte)('0' + (day / 10));
        b[9] = (byte)('0' + (day % 10));
        _position += 10;
    }

    public void Date(DateOnly? date)
    {
        if (date is { } d) Date(d); else Empty();
    }

    /// <summary>A CRN from its packed value (letter index × 1,000,000 + digits).</summary>
    public void Crn(int packed)
    {
        Separator(7);
        var b = _buffer.AsSpan(_position, 7);
        b[0] = (byte)('A' + (packed / 1_000_000));
        var digits = packed % 1_000_000;
        for (var i = 6; i >= 1; i--) { b[i] = (byte)('0' + (digits % 10)); digits /= 10; }
        _position += 7;
    }

    public void Number(long value)
    {
        Separator(20);
        value.TryFormat(_buffer.AsSpan(_position), out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        _position += written;
    }

    public void EndRow()
    {
        Reserve(1);
        _buffer[_position++] = (byte)'\n';
        _inRow = false;
        Rows++;
    }

    public void Flush()
    {
        _stream.Write(_buffer, 0, _position);
        _position = 0;
    }

    public void Dispose()
    {
        Flush();
        _stream.Dispose();
    }

    private void Separator(int room)
    {
        Reserve(room + 1);
        if (_inRow) _buffer[_position++] = (byte)',';
        _inRow = true;
    }

    private void Reserve(int room)
    {
        if (_position + room > _buffer.Length) Flush();
    }
}
