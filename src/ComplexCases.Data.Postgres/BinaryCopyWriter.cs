using System.Buffers.Binary;
using System.Text;
using Npgsql;

namespace ComplexCases.Data.Postgres;

/// <summary>
/// Writes PostgreSQL's binary COPY format (header, rows of length-prefixed big-endian fields, trailer) straight into a
/// buffer sent through a raw COPY stream. Npgsql's <see cref="NpgsqlBinaryImporter"/> binds and converts every value on
/// its own (an async state machine per field); for the national month's 240,000 × 7 person-result fields that was most of
/// the run's time (issue 11, docs/performance.md), while writing the bytes here costs a few milliseconds.
/// </summary>
/// <remarks>
/// The caller writes exactly the columns its COPY statement names, in order. <see cref="Complete"/> sends the trailer;
/// disposing without it cancels the COPY, so the server stores none of the rows (and the transaction is failed anyway).
/// </remarks>
internal sealed class BinaryCopyWriter : IDisposable
{
    private readonly NpgsqlRawCopyStream _stream;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _used;
    private bool _completed;

    private BinaryCopyWriter(NpgsqlRawCopyStream stream)
    {
        _stream = stream;
        WriteHeader();
    }

    /// <summary>Starts <c>COPY … FROM STDIN (FORMAT BINARY)</c> on the connection (in its current transaction).</summary>
    public static BinaryCopyWriter Begin(NpgsqlConnection connection, string copyFromStdinBinary) =>
        new(connection.BeginRawBinaryCopy(copyFromStdinBinary));

    public void StartRow(short fields)
    {
        Ensure(2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_used), fields);
        _used += 2;
    }

    public void Int32(int value)
    {
        Ensure(8);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_used), 4);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_used + 4), value);
        _used += 8;
    }

    public void Int16(short value)
    {
        Ensure(6);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_used), 2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_used + 4), value);
        _used += 6;
    }

    /// <summary>A text value (text, varchar) as UTF-8: the binary form of PostgreSQL's text types is the bytes themselves.</summary>
    public void Text(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        Ensure(4 + length);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_used), length);
        Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_used + 4));
        _used += 4 + length;
    }

    /// <summary>Room for a field of <paramref name="length"/> bytes in its binary form (for text types, UTF-8), for the caller to fill.</summary>
    public Span<byte> Field(int length)
    {
        Ensure(4 + length);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_used), length);
        var field = _buffer.AsSpan(_used + 4, length);
        _used += 4 + length;
        return field;
    }

    /// <summary>Sends the trailer and ends the COPY: the rows are in the table (in the caller's transaction).</summary>
    public void Complete()
    {
        StartRow(-1);
        Flush();
        _completed = true;
        _stream.Dispose();
    }

    public void Dispose()
    {
        if (_completed) return;
        _completed = true;
        try
        {
            // CopyFail: the server discards the COPY and reports an error, which is expected here.
            _stream.Cancel();
        }
        catch (PostgresException)
        {
        }
        finally
        {
            _stream.Dispose();
        }
    }

    private void WriteHeader()
    {
        // "PGCOPY\n\377\r\n\0", then a 32-bit flags field (no OIDs) and a 32-bit header-extension length (none).
        ReadOnlySpan<byte> signature = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];
        signature.CopyTo(_buffer);
        _used = signature.Length;
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_used), 0);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_used + 4), 0);
        _used += 8;
    }

    private void Ensure(int bytes)
    {
        if (_used + bytes <= _buffer.Length) return;
        Flush();
        if (bytes > _buffer.Length) throw new InvalidOperationException($"A COPY field of {bytes:N0} bytes is larger than the buffer.");
    }

    private void Flush()
    {
        _stream.Write(_buffer, 0, _used);
        _used = 0;
    }
}
