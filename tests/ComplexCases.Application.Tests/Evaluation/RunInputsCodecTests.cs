using ComplexCases.Application.Evaluation;
using ComplexCases.Domain.Screening;
using ComplexCases.Extracts.Reading;
using ComplexCases.Synthetic;

namespace ComplexCases.Application.Tests.Evaluation;

/// <summary>The records a run keeps must give back exactly the caseload it screened, or a re-screened month would differ.</summary>
public sealed class RunInputsCodecTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "complexcases-inputs-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void EncodeThenDecode_GeneratedExtractWithDefects_SamePeopleAndRecords()
    {
        var month = PopulationGenerator.Generate(new GeneratorOptions(2500, 1, 3, new DateOnly(2024, 6, 30), Presets.National, DefectRate: 0.02), _folder)[0];
        var caseload = ExtractReader.Read(month.Folder).Result!.Caseload;

        var decoded = RunInputsCodec.Decode(RunInputsCodec.Encode(caseload, month.AsOf));

        decoded.Count.ShouldBe(caseload.Count);
        decoded.RecordCount.ShouldBe(caseload.RecordCount);
        for (var i = 0; i < caseload.Count; i++)
        {
            var (expected, actual) = (caseload[i], decoded[i]);
            (actual.Crn, actual.PduCode, actual.RegionCode, actual.Line).ShouldBe((expected.Crn, expected.PduCode, expected.RegionCode, expected.Line));
            var e = caseload.RecordsOf(i);
            var a = decoded.RecordsOf(i);
            a.Registrations.SequenceEqual(e.Registrations).ShouldBeTrue($"registrations of {expected.Crn}");
            a.Assessments.SequenceEqual(e.Assessments).ShouldBeTrue($"assessments of {expected.Crn}");
            a.Sentences.SequenceEqual(e.Sentences).ShouldBeTrue($"sentences of {expected.Crn}");
            a.OpdScreenings.SequenceEqual(e.OpdScreenings).ShouldBeTrue($"OPD screenings of {expected.Crn}");
        }
        // Names, dates of birth and allocation are not kept: re-screening needs none of them.
        decoded[0].Forename.ShouldBeNull();
        decoded[0].DateOfBirth.ShouldBeNull();
    }

    [Fact]
    public void EncodeInParts_DecodeTogether_SameAsWhole()
    {
        var month = PopulationGenerator.Generate(new GeneratorOptions(2500, 1, 4, new DateOnly(2024, 6, 30), Presets.EastOfEngland), _folder)[0];
        var caseload = ExtractReader.Read(month.Folder).Result!.Caseload;
        var parts = new RunInputsCodec.Parts();

        foreach (var (start, end) in new[] { (0, 1000), (1000, 1001), (1001, 1001), (1001, 2500) })
            parts.Add(RunInputsCodec.Encode(caseload, start, end, month.AsOf));
        var joined = parts.ToCaseload();

        joined.Count.ShouldBe(caseload.Count);
        joined.RecordCount.ShouldBe(caseload.RecordCount);
        var screener = new Screener(ComplexCases.TestSupport.Screening.TestDefinitions.Pilot(), month.AsOf);
        for (var i = 0; i < caseload.Count; i++)
        {
            joined[i].Crn.ShouldBe(caseload[i].Crn);
            screener.Evaluate(joined.RecordsOf(i)).ShouldBe(screener.Evaluate(caseload.RecordsOf(i)));
        }
    }

    [Fact]
    public void PartsDecodedApart_Joined_SameAsDecodedTogether()
    {
        var month = PopulationGenerator.Generate(new GeneratorOptions(2500, 1, 4, new DateOnly(2024, 6, 30), Presets.EastOfEngland), _folder)[0];
        var caseload = ExtractReader.Read(month.Folder).Result!.Caseload;
        var together = new RunInputsCodec.Parts();
        var apart = new List<RunInputsCodec.Parts>();

        foreach (var (start, end) in new[] { (0, 1000), (1000, 1001), (1001, 1001), (1001, 2500) })
        {
            var bytes = RunInputsCodec.Encode(caseload, start, end, month.AsOf);
            together.Add(bytes);
            var part = new RunInputsCodec.Parts();
            part.Add(bytes);
            apart.Add(part);
        }
        var (expected, joined) = (together.ToCaseload(), RunInputsCodec.Parts.Join(apart));

        joined.Count.ShouldBe(caseload.Count);
        joined.RecordCount.ShouldBe(caseload.RecordCount);
        for (var i = 0; i < caseload.Count; i++)
        {
            joined[i].ShouldBe(expected[i]);
            var e = expected.RecordsOf(i);
            var a = joined.RecordsOf(i);
            a.Registrations.SequenceEqual(e.Registrations).ShouldBeTrue($"registrations of {caseload[i].Crn}");
            a.Assessments.SequenceEqual(e.Assessments).ShouldBeTrue($"assessments of {caseload[i].Crn}");
            a.Sentences.SequenceEqual(e.Sentences).ShouldBeTrue($"sentences of {caseload[i].Crn}");
            a.OpdScreenings.SequenceEqual(e.OpdScreenings).ShouldBeTrue($"OPD screenings of {caseload[i].Crn}");
        }
    }

    [Theory]
    [InlineData("1000000001", "1000000000", "7")]
    [InlineData("007", "12", "0")]
    [InlineData("A-1", "99999999999999999999", "-5")]
    public void AssessmentIds_NumbersAndText_ComeBackExactly(string first, string second, string third)
    {
        var d = new DateOnly(2024, 6, 30);
        Domain.Screening.Assessment[] assessments = [new(first, d, 2), new(second, d, 3), new(third, d, 4)];
        var caseload = new Caseload([new Domain.People.Person(Domain.People.Crn.Parse("E000001"), "EOENFK", "N07", 2)],
            new Dictionary<string, Domain.People.StaffMember>(), [], [0, 0], assessments, [0, 3], [], [0, 0], [], [0, 0]);

        var decoded = RunInputsCodec.Decode(RunInputsCodec.Encode(caseload, d));

        decoded.RecordsOf(0).Assessments.ToArray().ShouldBe(assessments);
    }

    /// <summary>Format 1, written with <see cref="BinaryWriter"/> as it was: the reader reads its bytes exactly (long varints, text ids, non-ASCII codes).</summary>
    [Fact]
    public void Decode_Format1_WrittenByBinaryWriter()
    {
        var asOf = new DateOnly(2024, 6, 30);
        using var stream = new MemoryStream();
        using (var brotli = new System.IO.Compression.BrotliStream(stream, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        using (var w = new BinaryWriter(brotli))
        {
            w.Write(0x31495243u);
            w.Write7BitEncodedInt(1);
            w.Write7BitEncodedInt(asOf.DayNumber);
            w.Write7BitEncodedInt(Domain.People.Crn.Parse("Z999999").Value);
            w.Write7BitEncodedInt(1); w.Write("PDU-Ä");
            w.Write7BitEncodedInt(2); w.Write("N07");
            w.Write7BitEncodedInt(2_000_000);
            w.Write7BitEncodedInt(0);
            w.Write7BitEncodedInt(1);
            w.Write("OASYS-123-é");
            w.Write7BitEncodedInt(1 + 9); // zig-zag 9: 5 days before the screening date
            w.Write7BitEncodedInt(0);
            w.Write7BitEncodedInt(0);
            w.Write7BitEncodedInt(0);
            w.Write7BitEncodedInt(0);
            w.Write7BitEncodedInt(2 * 300_000);
            w.Write7BitEncodedInt(0);
            w.Write7BitEncodedInt(0);
        }
        var parts = new RunInputsCodec.Parts();

        parts.Add(stream.ToArray(), format: 1);
        var decoded = parts.ToCaseload();

        (decoded[0].Crn.ToString(), decoded[0].PduCode, decoded[0].RegionCode, decoded[0].Line).ShouldBe(("Z999999", "PDU-Ä", "N07", 2_000_000));
        var assessment = decoded.RecordsOf(0).Assessments[0];
        (assessment.AssessmentId, assessment.CompletedOn, assessment.Line).ShouldBe(("OASYS-123-é", asOf.AddDays(-5), 300_000));
    }

    [Fact]
    public void Decode_NotRunInputs_InvalidData()
    {
        using var stream = new MemoryStream();
        using (var brotli = new System.IO.Compression.BrotliStream(stream, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            brotli.Write("not a caseload"u8);

        Should.Throw<InvalidDataException>(() => RunInputsCodec.Decode(stream.ToArray()));
    }

    [Fact]
    public void EncodeThenDecode_EmptyCaseload()
    {
        var empty = new Caseload([], new Dictionary<string, Domain.People.StaffMember>(), [], [0], [], [0], [], [0], [], [0]);

        RunInputsCodec.Decode(RunInputsCodec.Encode(empty, new DateOnly(2024, 1, 31))).Count.ShouldBe(0);
    }
}
