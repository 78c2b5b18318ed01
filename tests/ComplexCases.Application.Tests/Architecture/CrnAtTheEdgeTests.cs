using System.Reflection;
using ComplexCases.Domain.People;

namespace ComplexCases.Application.Tests.Architecture;

/// <summary>
/// Application takes a CRN as a <see cref="Crn"/>, never as text: the hosts parse it once, at the edge (the web's RequestCrn,
/// the command line's option), and no use case checks it again. This fails, naming each member, when a public method of a
/// public Application type takes a <c>string</c> parameter named crn, or a request type (what a host fills in and hands a use
/// case: a name ending in Request, Command, Input, Asked or Query) has a public string property named Crn. What a use case
/// answers with (list rows, views) carries the CRN as stored text and is not checked.
/// </summary>
public sealed class CrnAtTheEdgeTests
{
    private static readonly string[] RequestSuffixes = ["Request", "Command", "Input", "Asked", "Query"];

    [Fact]
    public void No_public_Application_member_takes_a_CRN_as_text()
    {
        var offenders = Offenders(typeof(ApplicationServices).Assembly.GetExportedTypes());

        offenders.ShouldBeEmpty("take a Crn, parsed by the host, instead of CRN text:" + Environment.NewLine
            + string.Join(Environment.NewLine, offenders));
    }

    [Fact]
    public void The_check_finds_CRN_text_in_a_method_a_static_method_and_a_request()
    {
        // So that the test above cannot pass by looking at nothing.
        Offenders([typeof(Fixtures.FindCase), typeof(Fixtures.OpenCaseRequest), typeof(Fixtures.FineRequest), typeof(Fixtures.CaseRow)])
            .ShouldBe([
                "Fixtures+FindCase.Run(String CRN)",
                "Fixtures+FindCase.Link(String crn)",
                "Fixtures+OpenCaseRequest.Crn",
            ], ignoreOrder: true);
    }

    private static List<string> Offenders(IEnumerable<Type> types)
    {
        var found = new List<string>();
        foreach (var type in types.Where(t => t.IsPublic || t.IsNestedPublic))
        {
            var name = type.FullName![(type.Namespace!.Length + 1)..];
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                foreach (var p in method.GetParameters().Where(p => p.ParameterType == typeof(string)
                    && string.Equals(p.Name, "crn", StringComparison.OrdinalIgnoreCase)))
                    found.Add($"{name}.{method.Name}(String {p.Name})");
            }
            if (!RequestSuffixes.Any(s => type.Name.EndsWith(s, StringComparison.Ordinal))) continue;
            found.AddRange(type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(p => p.PropertyType == typeof(string) && string.Equals(p.Name, "crn", StringComparison.OrdinalIgnoreCase))
                .Select(p => $"{name}.{p.Name}"));
        }
        return found;
    }
}

[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Fixtures for the check")]
public static class Fixtures
{
    public sealed class FindCase
    {
        public int Run(string CRN) => CRN.Length;
        public static string Link(string crn) => "/cases/" + crn;
        public int Run(Crn crn) => crn.Value;
    }

    public sealed record OpenCaseRequest(string Crn, int? RunId);

    public sealed record FineRequest(Crn Crn, string Crns);

    /// <summary>An answer, not a request: its CRN is stored text.</summary>
    public sealed record CaseRow(string Crn, string Name);
}
