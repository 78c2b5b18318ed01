using System.Runtime.CompilerServices;
namespace ComplexCases.Extracts.Reading;

/// <summary>
/// An append-only list in fixed-size chunks: growing it never copies, so reading a national file
/// never holds two copies of its rows (as a doubling <see cref="List{T}"/> would while it grows).
/// </summary>
internal sealed class ChunkedList<T>
{
    private const int ChunkBits = 14;
    private const int ChunkSize = 1 << ChunkBits;
    private const int ChunkMask = ChunkSize - 1;
    private readonly List<T[]> _chunks = [];
    private T[] _current = [];

    public int Count { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(T item)
    {
        var offset = Count & ChunkMask;
        if (offset == 0)
        {
            _current = new T[ChunkSize];
            _chunks.Add(_current);
        }
        _current[offset] = item;
        Count++;
    }

    public ref T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
            return ref _chunks[index >> ChunkBits][index & ChunkMask];
        }
    }

    public int ChunkCount => _chunks.Count;

    /// <summary>The items of one chunk, in order; walking chunks 0..<see cref="ChunkCount"/> visits every item.</summary>
    public ReadOnlySpan<T> Chunk(int chunk) =>
        _chunks[chunk].AsSpan(0, chunk == _chunks.Count - 1 ? Count - (chunk << ChunkBits) : ChunkSize);

    /// <summary>Drops the rows once they have been copied to their final home.</summary>
    public void Clear()
    {
        _chunks.Clear();
        _current = [];
        Count = 0;
    }
}
