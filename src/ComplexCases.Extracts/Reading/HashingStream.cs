using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace ComplexCases.Extracts.Reading;

/// <summary>
/// A read-only pass-through over a file that hashes every byte as it goes by and reports progress,
/// so the fingerprint costs no second read of the file.
/// </summary>
internal sealed class HashingStream : Stream
{
    private const long ReportEvery = 1 << 20;
    private readonly Stream _inner;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly string _fileName;
    private readonly IProgress<ExtractProgress>? _progress;
    private long _position;
    private long _lastReported;
    private bool _endReported;

    public HashingStream(Stream inner, string fileName, IProgress<ExtractProgress>? progress)
    {
        _inner = inner;
        _fileName = fileName;
        _progress = progress;
        TotalBytes = inner.Length;
    }

    public long TotalBytes { get; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => TotalBytes;
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override int Read(Span<byte> buffer)
    {
        var read = _inner.Read(buffer);
        if (read > 0)
        {
            _hash.AppendData(buffer[..read]);
            _position += read;
        }
        if (_progress is not null && (read == 0 ? !_endReported : _position - _lastReported >= ReportEvery))
        {
            _progress.Report(new ExtractProgress(_fileName, _position, TotalBytes));
            _lastReported = _position;
            _endReported = read == 0;
        }
        return read;
    }

    /// <summary>Reads whatever the parser left unread (normally nothing) and returns the file's SHA-256, lower-case hex.</summary>
    public string Finish()
    {
        Span<byte> rest = stackalloc byte[4096];
        while (Read(rest) > 0)
        {
        }
        return Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
            _inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
