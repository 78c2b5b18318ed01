using System.IO.Compression;
using System.Text;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Screening;

namespace ComplexCases.Application.Evaluation;

/// <summary>
/// The compact form of what a run screened (<c>run_inputs</c>): every person's CRN, PDU and region and the records
/// the <see cref="Screener"/> reads, so the month can be screened again under a definition whose criteria take other
/// parameters, without the extract. Names, dates of birth, allocation and free text are not kept: re-screening needs
/// none of them. Lines are kept so evidence still points into the original extract.
/// </summary>
/// <remarks>
/// Format 2: Brotli (quality 1: fast) over a stream of 7-bit varints. Codes (PDU, region, register, level, sentence
/// type, event number) go into a string table the first time they appear and by index after. Dates are zig-zag day
/// offsets from the screening date; a record's line is the zig-zag step from the line of the person's record before it
/// in the same file (a person's rows are usually adjacent). Person by person: CRN (step from the previous person), PDU,
/// region, line, then the count and records of each kind in the Caseload's order. A run is kept in parts of
/// <see cref="PartSize"/> people, each with its own string table, so that no step holds a whole month's bytes.
/// </remarks>
public static class RunInputsCodec
{
    /// <summary>The format written. 2: assessment ids that are plain numbers are kept as steps between numbers
    /// (they were half the bytes as text); 1 (read still): every assessment id as text.</summary>
    public const int Format = 2;
    private const uint Magic = 0x31495243; // "CRI1"

    /// <summary>People kept per part: a national run is stored as ≈15 blobs of ≈1 MB, so storing one never holds the whole month.</summary>
    public const int PartSize = 16_384;

    /// <summary>Encodes everyone (tests and small caseloads); see <see cref="Encode(Caseload, int, int, DateOnly)"/>.</summary>
    public static byte[] Encode(Caseload caseload, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(caseload);
        return Encode(caseload, 0, caseload.Count, asOf);
    }

    /// <summary>Encodes the people with index in [<paramref name="start"/>, <paramref name="end"/>): one part, decodable on its own.</summary>
    public static byte[] Encode(Caseload caseload, int start, int end, DateOnly asOf) => new Encoder().Encode(caseload, start, end, asOf).ToArray();

    /// <summary>
    /// Encodes parts one after another into buffers it keeps: storing a national run (≈15 parts) allocates a few MB once
    /// rather than a large-object-heap array or two per part. Not thread-safe.
    /// </summary>
    public sealed class Encoder
    {
        private readonly Writer _w = new();
        private byte[] _compressed = [];

        /// <summary>The part's bytes, valid until the next call.</summary>
        public ReadOnlyMemory<byte> Encode(Caseload caseload, int start, int end, DateOnly asOf)
        {
            ArgumentNullException.ThrowIfNull(caseload);
            ArgumentOutOfRangeException.ThrowIfNegative(start);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(end, caseload.Count);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(start, end);
            var w = _w;
            w.Reset(asOf);
            w.UInt(Magic);
            w.Int(end - start);
            w.Int(asOf.DayNumber);
            var previous = 0;
            for (var i = start; i < end; i++)
            {
                var person = caseload[i];
                w.Int(person.Crn.Value - previous);
                previous = person.Crn.Value;
                w.Code(person.PduCode);
                w.Code(person.RegionCode);
                w.Int(person.Line);
                var records = caseload.RecordsOf(i);
                var line = 0;
                w.Int(records.Registrations.Length);
                foreach (ref readonly var r in records.Registrations)
                {
                    w.Code(r.Code);
                    w.Code(r.LevelCode);
                    w.Date(r.RegisteredOn);
                    w.Date(r.DeregisteredOn);
                    w.Line(r.Line, ref line);
                }
                line = 0;
                long previousId = 0;
                w.Int(records.Assessments.Length);
                foreach (ref readonly var a in records.Assessments)
                {
                    w.AssessmentId(a.AssessmentId, ref previousId);
                    w.Date(a.CompletedOn);
                    w.Int(a.RoshOverall is { } rosh ? (int)rosh : 0);
                    w.Int((int)a.AlcoholNeed | ((int)a.DrugNeed << 2) | ((int)a.LearningDifficulties << 4) | ((int)a.MentalHealthConcerns << 6) | ((int)a.SelfHarmConcerns << 8));
                    w.Int(a.AlcoholScore is { } alcohol ? alcohol + 1 : 0);
                    w.Int(a.DrugScore is { } drugs ? drugs + 1 : 0);
                    w.Line(a.Line, ref line);
                }
                line = 0;
                w.Int(records.Sentences.Length);
                foreach (ref readonly var s in records.Sentences)
                {
                    w.Code(s.EventNumber);
                    w.Code(s.SentenceType);
                    w.Date(s.SentencedOn);
                    w.Date(s.TerminatedOn);
                    w.Line(s.Line, ref line);
                }
                line = 0;
                w.Int(records.OpdScreenings.Length);
                foreach (ref readonly var o in records.OpdScreenings)
                {
                    w.Date(o.ScreenedOn);
                    w.Int((int)o.Result | ((int)o.Override << 2));
                    w.Line(o.Line, ref line);
                }
            }
            var raw = w.Written;
            var bound = BrotliEncoder.GetMaxCompressedLength(raw.Length);
            if (_compressed.Length < bound) _compressed = new byte[Math.Max(bound, _compressed.Length * 2)];
            if (!BrotliEncoder.TryCompress(raw, _compressed, out var written, Quality, Window))
                throw new InvalidOperationException("Brotli could not compress the run inputs.");
            return _compressed.AsMemory(0, written);
        }
    }

    /// <summary>Brotli quality 1 (fast) and a 4 MB window (a whole part of ≈2.5 MB raw fits in it).</summary>
    private const int Quality = 1, Window = 22;

    /// <exception cref="InvalidDataException">The bytes are not run inputs of this format.</exception>
    public static Caseload Decode(byte[] data)
    {
        var parts = new Parts();
        parts.Add(data);
        return parts.ToCaseload();
    }

    /// <summary>Decodes parts in order (people ascending by CRN across them) into one caseload.</summary>
    public sealed class Parts
    {
        private readonly List<Person> _people = [];
        private readonly List<Registration> _registrations = [];
        private readonly List<Assessment> _assessments = [];
        private readonly List<Sentence> _sentences = [];
        private readonly List<OpdScreening> _opd = [];
        private readonly List<int> _regStarts = [0], _assessmentStarts = [0], _sentenceStarts = [0], _opdStarts = [0];

        /// <exception cref="InvalidDataException">The bytes are not run inputs of that format.</exception>
        public void Add(byte[] data, int format = Format)
        {
            ArgumentNullException.ThrowIfNull(data);
            if (format is not (1 or 2)) throw new InvalidDataException($"Run inputs in format {format}, which this version cannot read.");
            try
            {
                Read(data, format);
            }
            catch (EndOfStreamException ex)
            {
                throw new InvalidDataException("Run inputs end too soon.", ex);
            }
        }

        public Caseload ToCaseload() => new([.. _people], new Dictionary<string, StaffMember>(),
            [.. _registrations], [.. _regStarts], [.. _assessments], [.. _assessmentStarts], [.. _sentences], [.. _sentenceStarts], [.. _opd], [.. _opdStarts]);

        /// <summary>
        /// One caseload from parts decoded separately, in order (people ascending by CRN across them): each part is
        /// decodable on its own, so a month's parts can be decoded on every core and joined here.
        /// </summary>
        public static Caseload Join(IReadOnlyList<Parts> parts)
        {
            ArgumentNullException.ThrowIfNull(parts);
            if (parts.Count == 1) return parts[0].ToCaseload();
            return new Caseload(Concat(parts, p => p._people), new Dictionary<string, StaffMember>(),
                Concat(parts, p => p._registrations), Starts(parts, p => p._regStarts),
                Concat(parts, p => p._assessments), Starts(parts, p => p._assessmentStarts),
                Concat(parts, p => p._sentences), Starts(parts, p => p._sentenceStarts),
                Concat(parts, p => p._opd), Starts(parts, p => p._opdStarts));
        }

        private static T[] Concat<T>(IReadOnlyList<Parts> parts, Func<Parts, List<T>> of)
        {
            var all = new T[parts.Sum(p => of(p).Count)];
            var at = 0;
            foreach (var part in parts)
            {
                var list = of(part);
                list.CopyTo(all, at);
                at += list.Count;
            }
            return all;
        }

        /// <summary>Each part's starts (a leading 0, then one per person) moved on by the records of the parts before it.</summary>
        private static int[] Starts(IReadOnlyList<Parts> parts, Func<Parts, List<int>> of)
        {
            var all = new int[parts.Sum(p => of(p).Count - 1) + 1];
            int at = 1, records = 0;
            foreach (var part in parts)
            {
                var starts = of(part);
                for (var i = 1; i < starts.Count; i++) all[at++] = records + starts[i];
                records += starts[^1];
            }
            return all;
        }

        private void Read(byte[] data, int format)
        {
            var r = new Reader(Decompressed(data));
            if (r.UInt32() != Magic) throw new InvalidDataException("Not stored run inputs.");
            var count = r.Int();
            r.AsOfDay = r.Int();
            var crn = 0;
            for (var i = 0; i < count; i++)
            {
                crn += r.Int();
                var pdu = r.Code()!;
                var region = r.Code()!;
                _people.Add(new Person(Crn.FromValue(crn), pdu, region, r.Int()));
                var line = 0;
                for (var n = r.Int(); n > 0; n--)
                    _registrations.Add(new Registration(r.Code()!, r.Code(), r.Date()!.Value, r.Date(), r.Line(ref line)));
                line = 0;
                long previousId = 0;
                for (var n = r.Int(); n > 0; n--)
                {
                    var id = format == 1 ? r.String() : r.AssessmentId(ref previousId);
                    var completed = r.Date()!.Value;
                    var rosh = r.Int();
                    var flags = r.Int();
                    var alcohol = r.Int();
                    var drugs = r.Int();
                    _assessments.Add(new Assessment(id, completed, r.Line(ref line))
                    {
                        RoshOverall = rosh == 0 ? null : (RoshLevel)rosh,
                        AlcoholNeed = (Flag)(flags & 3),
                        DrugNeed = (Flag)((flags >> 2) & 3),
                        LearningDifficulties = (Flag)((flags >> 4) & 3),
                        MentalHealthConcerns = (Flag)((flags >> 6) & 3),
                        SelfHarmConcerns = (Flag)((flags >> 8) & 3),
                        AlcoholScore = alcohol == 0 ? null : alcohol - 1,
                        DrugScore = drugs == 0 ? null : drugs - 1,
                    });
                }
                line = 0;
                for (var n = r.Int(); n > 0; n--)
                    _sentences.Add(new Sentence(r.Code()!, r.Code()!, r.Date()!.Value, r.Date(), r.Line(ref line)));
                line = 0;
                for (var n = r.Int(); n > 0; n--)
                {
                    var screened = r.Date()!.Value;
                    var bits = r.Int();
                    _opd.Add(new OpdScreening(screened, (OpdResult)(bits & 3), (Flag)((bits >> 2) & 3), r.Line(ref line)));
                }
                _regStarts.Add(_registrations.Count);
                _assessmentStarts.Add(_assessments.Count);
                _sentenceStarts.Add(_sentences.Count);
                _opdStarts.Add(_opd.Count);
            }
        }
    }

    /// <summary>The varint stream of a part, in a buffer kept from part to part. Same bytes as BinaryWriter would write.</summary>
    private sealed class Writer
    {
        // By reference first: the extract reader interns codes, so nearly every lookup is a pointer hash. The same text
        // in another instance just gets a second index, which the decoder reads as the same text.
        private readonly Dictionary<string, int> _codes = new(ReferenceEqualityComparer.Instance);
        private byte[] _buffer = new byte[1 << 16];
        private int _length;
        private int _asOfDay;

        public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

        /// <summary>Each part has its own string table, so it decodes on its own.</summary>
        public void Reset(DateOnly asOf)
        {
            _codes.Clear();
            _length = 0;
            _asOfDay = asOf.DayNumber;
        }

        public void UInt(uint value)
        {
            Room(4);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(_length), value);
            _length += 4;
        }

        /// <summary>7-bit varint, as <see cref="BinaryWriter.Write7BitEncodedInt"/>.</summary>
        public void Int(int value)
        {
            Room(5);
            var v = (uint)value;
            while (v >= 0x80)
            {
                _buffer[_length++] = (byte)(v | 0x80);
                v >>= 7;
            }
            _buffer[_length++] = (byte)v;
        }

        /// <summary>7-bit varint of a 64-bit value, as <see cref="BinaryWriter.Write7BitEncodedInt64"/>.</summary>
        public void Long(long value)
        {
            Room(10);
            var v = (ulong)value;
            while (v >= 0x80)
            {
                _buffer[_length++] = (byte)(v | 0x80);
                v >>= 7;
            }
            _buffer[_length++] = (byte)v;
        }

        /// <summary>
        /// 0 then the text; or, for a plain number (1–18 digits, no leading zero, so it reads back as written), 1 then
        /// the zig-zag step from the person's previous numeric id (consecutive ids take a byte or two).
        /// </summary>
        public void AssessmentId(string id, ref long previous)
        {
            if (id.Length is > 0 and <= 18 && (id.Length == 1 || id[0] != '0') && id.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0)
            {
                var value = long.Parse(id, System.Globalization.CultureInfo.InvariantCulture);
                var step = value - previous;
                previous = value;
                Int(1);
                Long((step << 1) ^ (step >> 63));
                return;
            }
            Int(0);
            Text(id);
        }

        /// <summary>UTF-8 with its byte count first, as <see cref="BinaryWriter.Write(string)"/>.</summary>
        public void Text(string text)
        {
            var bytes = Encoding.UTF8.GetByteCount(text);
            Int(bytes);
            Room(bytes);
            _length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length));
        }

        /// <summary>0 = null; an index + 1 of a code seen before; or the next index + 1 followed by the text.</summary>
        public void Code(string? code)
        {
            if (code is null) { Int(0); return; }
            if (_codes.TryGetValue(code, out var index)) { Int(index + 1); return; }
            _codes[code] = index = _codes.Count;
            Int(index + 1);
            Text(code);
        }

        /// <summary>0 = null, else the zig-zag offset from the screening date + 1.</summary>
        public void Date(DateOnly? date)
        {
            if (date is not { } d) { Int(0); return; }
            var offset = d.DayNumber - _asOfDay;
            Int(((offset << 1) ^ (offset >> 31)) + 1);
        }

        /// <summary>A person's rows of one file are usually adjacent: each line as the zig-zag step from the one before.</summary>
        public void Line(int line, ref int previous)
        {
            var step = line - previous;
            previous = line;
            Int((step << 1) ^ (step >> 31));
        }

        private void Room(int bytes)
        {
            if (_length + bytes <= _buffer.Length) return;
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + bytes));
        }
    }

    /// <summary>A part's raw bytes, decompressed in one go into a buffer kept per thread (parts are decoded on every core).</summary>
    [ThreadStatic] private static byte[]? t_raw;

    private static ReadOnlyMemory<byte> Decompressed(byte[] data)
    {
        var raw = t_raw ??= new byte[1 << 22];
        using var decoder = new BrotliDecoder();
        int read = 0, written = 0;
        while (true)
        {
            var status = decoder.Decompress(data.AsSpan(read), raw.AsSpan(written), out var consumed, out var produced);
            read += consumed;
            written += produced;
            switch (status)
            {
                case System.Buffers.OperationStatus.Done:
                    return raw.AsMemory(0, written);
                case System.Buffers.OperationStatus.DestinationTooSmall:
                    Array.Resize(ref raw, raw.Length * 2);
                    t_raw = raw;
                    break;
                case System.Buffers.OperationStatus.NeedMoreData:
                    throw new EndOfStreamException();
                default:
                    throw new InvalidDataException("Run inputs are not valid Brotli.");
            }
        }
    }

    /// <summary>
    /// Reads the varint stream from memory: the same bytes <see cref="BinaryReader"/> reads (7-bit integers, length-prefixed
    /// UTF-8 strings), without a stream call per byte, which was most of the time spent re-screening a stored month.
    /// </summary>
    private sealed class Reader(ReadOnlyMemory<byte> bytes)
    {
        private readonly List<string> _codes = [];
        private int _at;

        public int AsOfDay { get; set; }

        private ReadOnlySpan<byte> Bytes => bytes.Span;

        public uint UInt32()
        {
            if (_at + 4 > bytes.Length) throw new EndOfStreamException();
            var value = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(Bytes.Slice(_at, 4));
            _at += 4;
            return value;
        }

        public int Int() => (int)VarInt(5);

        private ulong VarInt(int maxBytes)
        {
            var span = Bytes;
            ulong value = 0;
            for (var shift = 0; shift < maxBytes * 7; shift += 7)
            {
                if (_at >= span.Length) throw new EndOfStreamException();
                var b = span[_at++];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80) return value;
            }
            throw new InvalidDataException("A number in the run inputs is too long.");
        }

        public string String()
        {
            var length = Int();
            if (length < 0 || _at + length > bytes.Length) throw new EndOfStreamException();
            var text = Encoding.UTF8.GetString(Bytes.Slice(_at, length));
            _at += length;
            return text;
        }

        public string? Code()
        {
            var n = Int();
            if (n == 0) return null;
            if (n - 1 < _codes.Count) return _codes[n - 1];
            if (n - 1 != _codes.Count) throw new InvalidDataException("Code index out of order.");
            var code = string.Intern(String());
            _codes.Add(code);
            return code;
        }

        public string AssessmentId(ref long previous)
        {
            switch (Int())
            {
                case 0:
                    return String();
                case 1:
                    var zigzag = (long)VarInt(10);
                    previous += (long)((ulong)zigzag >> 1) ^ -(zigzag & 1);
                    return previous.ToString(System.Globalization.CultureInfo.InvariantCulture);
                default:
                    throw new InvalidDataException("Unknown assessment id form.");
            }
        }

        public DateOnly? Date()
        {
            var n = Int();
            if (n == 0) return null;
            var zigzag = n - 1;
            var offset = (zigzag >>> 1) ^ -(zigzag & 1);
            return DateOnly.FromDayNumber(AsOfDay + offset);
        }

        public int Line(ref int previous)
        {
            var zigzag = Int();
            previous += (zigzag >>> 1) ^ -(zigzag & 1);
            return previous;
        }
    }
}
