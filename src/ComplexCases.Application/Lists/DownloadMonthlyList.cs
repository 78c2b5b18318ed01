using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Data;
using ComplexCases.Domain.Audit;

namespace ComplexCases.Application.Lists;

/// <summary>Who a download is for and why: the user says so, and the audit entry keeps it.</summary>
public sealed record DownloadAsked(string Pdu, int? RunId, DownloadFormat Format, string Recipient, string Purpose);

/// <summary>A list file, ready to hand over.</summary>
public sealed record DownloadedList(byte[] Content, DownloadFormat Format, string FileName);

/// <summary>
/// Download a month's list: a disclosure. The rows are those the user may download (<see cref="Permission.DownloadList"/>,
/// scoped as the list page scopes them), and the entry names every CRN in the file, the recipient and the purpose.
/// </summary>
public sealed class DownloadMonthlyList(ComplexCasesDbContext db, MonthlyListCache lists, Consultations audit)
{
    public async Task<UseCaseResult<DownloadedList>> RunAsync(StaffUser user, DownloadAsked asked)
    {
        var download = DownloadList.Run(db, asked.Pdu, asked.RunId, CaseFilter.For(user, Permission.DownloadList), asked.Format, lists);
        if (download is null) return UseCaseResult<DownloadedList>.NotFound();
        var format = asked.Format.ToString().ToLowerInvariant();
        await audit.RecordAsync(user.Id, AuditAction.Disclosure, AuditEventTypes.ListDownloaded, asked.Purpose, download.Value.Crns,
            new AuditDetails().Add("pdu", asked.Pdu).Add("run", asked.RunId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "latest")
                .Add("recipient", asked.Recipient).Add("format", format).ToString());
        return UseCaseResult<DownloadedList>.Ok(new DownloadedList(download.Value.Content, asked.Format, $"{ListFiles.FileNameFor(asked.Pdu)}.{format}"));
    }
}
