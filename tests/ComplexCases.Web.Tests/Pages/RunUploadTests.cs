using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ComplexCases.TestSupport.Extracts;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Web.Tests.Pages;

/// <summary>An analyst runs a screening from the browser: same use case as the CLI, same all-or-nothing rules.</summary>
public sealed partial class RunUploadTests(DemoSiteFactory site) : IClassFixture<DemoSiteFactory>, IDisposable
{
    private readonly ExtractFolderBuilder _extract = new();

    public void Dispose() => _extract.Dispose();

    [Fact]
    public async Task Upload_ZippedExtract_StoresTheRunAndSaysWhatItFound()
    {
        var client = await site.SignInAsync("analyst");
        var runsBefore = RunCount();
        var zip = Zip(ComplexPerson(_extract).Build());

        var response = await PostAsync(client, ("Files", "extract.zip", zip), "2030-01-01");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        RunCount().ShouldBe(runsBefore + 1);
        var runs = await client.GetStringAsync(response.Headers.Location!.ToString());
        runs.ShouldContain("stored: 1 people screened, 1 complex");
    }

    [Fact]
    public async Task Upload_SeparateCsvFiles_AreAnExtractToo()
    {
        var client = await site.SignInAsync("analyst");
        var folder = ComplexPerson(_extract).Build();

        var response = await PostAsync(client, Directory.GetFiles(folder).Select(f => ("Files", Path.GetFileName(f), File.ReadAllBytes(f))).ToArray(), "2030-02-01");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Theory]
    [InlineData("notes.txt", "not an extract file")]
    [InlineData("extract.zip", "is not a zip file that can be opened")]
    public async Task Upload_NotAnExtract_SaysWhyAndStoresNothing(string fileName, string message)
    {
        var client = await site.SignInAsync("analyst");
        var runsBefore = RunCount();

        var response = await PostAsync(client, ("Files", fileName, Encoding.UTF8.GetBytes("hello")), "2030-03-01");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain(message);
        RunCount().ShouldBe(runsBefore);
    }

    [Fact]
    public async Task Upload_WrongColumns_GivesTheImportersMessageAndStoresNothing()
    {
        var client = await site.SignInAsync("analyst");
        var runsBefore = RunCount();
        var folder = _extract.WithRawFile(ExtractFolderBuilder.People, "crn,region\nE000001,N07\n").Build();

        var response = await PostAsync(client, ("Files", "extract.zip", Zip(folder)), "2030-04-01");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("people.csv: required columns");
        RunCount().ShouldBe(runsBefore);
    }

    [Theory]
    [InlineData("01/09/2024", "Enter the screening date like 2024-09-01")]
    [InlineData("", "Enter the screening date like 2024-09-01")]
    public async Task Upload_BadDate_Is400WithTheReason(string asOf, string message)
    {
        var client = await site.SignInAsync("analyst");

        var response = await PostAsync(client, ("Files", "extract.zip", Zip(ComplexPerson(_extract).Build())), asOf);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain(message);
    }

    [Fact]
    public async Task Upload_NewerRun_IsTheListTheNextViewShows()
    {
        var head = await site.SignInAsync("head-of-pdu");
        var pdu = HeadOfPduCode();
        (await head.GetStringAsync($"/lists/{pdu}")).ShouldNotContain("1 June 2031");

        var analyst = await site.SignInAsync("analyst");
        var response = await PostAsync(analyst, ("Files", "extract.zip", Zip(ComplexPerson(_extract, pdu).Build())), "2031-06-01");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // The earlier view's list is cached; the same URL now means the new run, whose list is read afresh.
        var html = await head.GetStringAsync($"/lists/{pdu}");
        html.ShouldContain("screening date 1 June 2031");
        html.ShouldContain(">E000001</a>");
    }

    [Theory]
    [InlineData("head-of-pdu")]
    [InlineData("admin")]
    public async Task Upload_RolesWithoutRunScreening_AreRefused(string user)
    {
        var client = await site.SignInAsync(user);

        var response = await client.GetAsync("/runs/new");

        response.Headers.Location!.ToString().ShouldContain("/forbidden");
    }

    private static ExtractFolderBuilder ComplexPerson(ExtractFolderBuilder extract, string pdu = "EOENFK") => extract
        .WithPerson("E000001", pdu: pdu)
        .WithRegistration("E000001", "RVHR", "2023-01-01")
        .WithRegistration("E000001", "RMDO", "2023-01-01")
        .WithRegistration("E000001", "ALSH", "2023-01-01")
        .WithRegistration("E000001", "MAPP", "2023-01-01", level: "M3")
        .WithOpdScreening("E000001", "2023-02-01", "SCREENED_IN")
        .WithSentence("E000001", "1", "IPP", "2010-05-01");

    private static byte[] Zip(string folder)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.GetFiles(folder)) zip.CreateEntryFromFile(file, Path.GetFileName(file));
        }
        return stream.ToArray();
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, (string Field, string Name, byte[] Bytes) file, string asOf) =>
        PostAsync(client, [file], asOf);

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, (string Field, string Name, byte[] Bytes)[] files, string asOf)
    {
        var form = await client.GetStringAsync("/runs/new");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(SignedInClient.AntiforgeryToken(form)), "__RequestVerificationToken" },
            { new StringContent(asOf), "AsOf" },
            { new StringContent("pilot-2024"), "Definition" },
        };
        foreach (var (field, name, bytes) in files) content.Add(new ByteArrayContent(bytes), field, name);
        return await client.PostAsync("/runs/new", content);
    }

    private string HeadOfPduCode()
    {
        using var db = site.OpenDatabase();
        return db.Users.Single(u => u.UserName == "head-of-pdu").PduCode!;
    }

    private int RunCount()
    {
        using var db = site.OpenDatabase();
        return db.Runs.Count();
    }

}
