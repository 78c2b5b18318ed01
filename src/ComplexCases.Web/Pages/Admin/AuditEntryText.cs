using System.Reflection;
using System.Text.Json;
using ComplexCases.Application.Audit;

namespace ComplexCases.Web.Pages.Admin;

/// <summary>
/// An audit entry's details in words for the admin page: what was disclosed and to whom (recipient), what was refused (path,
/// reason), run, filters. The page shows what the entry holds, as stored: nothing is looked up or added.
/// </summary>
public static class AuditEntryText
{
    /// <summary>Every event type the service writes, for the search's list (the constants of <see cref="AuditEventTypes"/>).</summary>
    public static IReadOnlyList<string> EventTypes { get; } = [.. typeof(AuditEventTypes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal)];

    /// <summary>The CRNs shown beside an entry before "and N more": enough to read, short enough for a table cell.</summary>
    public const int CrnsShown = 12;

    /// <summary>
    /// The details as (name, value) pairs in the order written. Details are a flat JSON object; older entries (and a few
    /// page-level refusals) hold plain text such as <c>path=/reviews</c>, shown as it is.
    /// </summary>
    public static IReadOnlyList<(string Name, string Value)> Details(string details)
    {
        if (string.IsNullOrWhiteSpace(details)) return [];
        if (details[0] == '{')
        {
            try
            {
                using var json = JsonDocument.Parse(details);
                if (json.RootElement.ValueKind == JsonValueKind.Object)
                    return [.. json.RootElement.EnumerateObject()
                        .Select(p => (p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? "" : p.Value.GetRawText()))
                        .Where(p => p.Item2.Length > 0)];
            }
            catch (JsonException)
            {
                // Not JSON after all: shown as text below.
            }
        }
        return [("", details)];
    }
}
