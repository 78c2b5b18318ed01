using System.Security.Cryptography;
using System.Text;
using ComplexCases.Extracts.Reading;
using ComplexCases.TestSupport.Extracts;
using static ComplexCases.TestSupport.Extracts.ExtractFolderBuilder;

namespace ComplexCases.Extracts.Tests.Reading;

public class ExtractReaderFingerprintTests
{
    private static ExtractFolderBuilder Sample() => new ExtractFolderBuilder()
        .WithPerson("E000001", forename: "Zoë")
        .WithStaff("N07P001")
        .WithRegistration("E000001", "RHRH", "2024-01-01")
        .WithAssessment("E000001", "A1", "2024-01-01")
        .WithSentence("E000001", "1", "IPP", "2010-01-01")
        .WithOpdScreening("E000001", "2024-01-01", "SCREENED_IN");

    [Fact]
    public void Read_SameBytesInAnotherFolder_SameFingerprint()
    {
        using var first = Sample();
        using var second = Sample();

        first.ReadOk().Sha256.ShouldBe(second.ReadOk().Sha256);
    }

    [Fact]
    public void Read_Fingerprint_IsShaOfFileNamesAndFileHashesInFixedOrder()
    {
        using var extract = Sample().WithoutFile(Staff);
        var folder = extract.Build();
        var text = new StringBuilder();
        foreach (var name in ExtractFiles.All.Where(name => File.Exists(Path.Combine(folder, name))))
        {
            text.Append(name).Append(':').Append(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, name))))).Append('\n');
        }

        var result = extract.ReadOk();

        result.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))));
        result.Sha256.ShouldMatch("^[0-9a-f]{64}$");
    }

    [Theory]
    [InlineData(People)]
    [InlineData(Staff)]
    [InlineData(Registrations)]
    [InlineData(Assessments)]
    [InlineData(Sentences)]
    [InlineData(OpdScreenings)]
    public void Read_OneByteOfOneFileChanged_FingerprintChanges(string fileName)
    {
        using var extract = Sample();
        var before = extract.ReadOk().Sha256;
        var bytes = File.ReadAllBytes(extract.PathOf(fileName));
        bytes[^2] = bytes[^2] == (byte)'1' ? (byte)'2' : (byte)'1';
        File.WriteAllBytes(extract.PathOf(fileName), bytes);

        var after = ExtractReader.Read(extract.Folder).Result!.Sha256;

        after.ShouldNotBe(before);
    }

    [Fact]
    public void Read_OptionalFileRemoved_FingerprintChanges()
    {
        using var withFile = Sample();
        using var withoutFile = Sample().WithoutFile(OpdScreenings);

        withFile.ReadOk().Sha256.ShouldNotBe(withoutFile.ReadOk().Sha256);
    }

    [Fact]
    public void Read_ByteOrderMarkAdded_FingerprintChanges()
    {
        using var plain = Sample();
        using var withBom = Sample().WithBom();

        plain.ReadOk().Sha256.ShouldNotBe(withBom.ReadOk().Sha256);
    }
}
