using Microsoft.AspNetCore.Mvc;

namespace ComplexCases.Web.Downloads;

/// <summary>
/// A table as the file a download answers with: <c>{name}.csv</c> or <c>{name}.xlsx</c>, its bytes, content type and file
/// name chosen in one place for every page that offers both formats.
/// </summary>
public static class TableFile
{
    /// <summary>A download's extension, which is also how its format is named in the audit entry.</summary>
    public static string Extension(TableFormat format) => format == TableFormat.Xlsx ? "xlsx" : "csv";

    public static FileContentResult Of(DownloadTable table, string name, TableFormat format)
    {
        var fileName = name + "." + Extension(format);
        return format == TableFormat.Xlsx
            ? new FileContentResult(TableXlsx.Write(table, fileName), TableXlsx.ContentType) { FileDownloadName = fileName }
            : new FileContentResult(TableCsv.Write(table), "text/csv") { FileDownloadName = fileName };
    }
}
