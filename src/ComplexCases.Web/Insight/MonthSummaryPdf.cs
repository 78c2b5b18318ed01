using ComplexCases.Web.Downloads;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;

namespace ComplexCases.Web.Insight;

/// <summary>A titled table in a report, with a sentence saying what it counts.</summary>
public sealed record ReportSection(string Heading, string About, DownloadTable Table);

/// <summary>
/// The month summary as a PDF (PDFsharp, MIT): a title, then each section's table on A4 landscape pages, header rows repeated
/// on a new page. The tables are the downloads' own model, so the report shows exactly the withheld markers the pages show.
/// </summary>
public static class MonthSummaryPdf
{
    public const string ContentType = "application/pdf";

    private const double Margin = 40;
    private const double RowHeight = 14;
    private const double HeaderHeight = 34;
    private const double FirstColumn = 190;

    public static byte[] Write(string title, string subtitle, IReadOnlyList<ReportSection> sections, string footnote)
    {
        ReportFonts.Install();
        using var document = new PdfDocument();
        document.Info.Title = title;
        document.Info.Creator = "Complex Case Service";
        var writer = new Writer(document);
        writer.Text(title, new XFont(ReportFonts.Family, 16, XFontStyleEx.Bold), 24);
        writer.Text(subtitle, Regular(10), 22);
        foreach (var section in sections) writer.Section(section);
        writer.Text(footnote, Regular(8), 12);
        writer.Finish();
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    private static XFont Regular(double size) => new(ReportFonts.Family, size, XFontStyleEx.Regular);

    private sealed class Writer(PdfDocument document)
    {
        private readonly XFont _cell = Regular(8);
        private readonly XFont _header = new(ReportFonts.Family, 7.5, XFontStyleEx.Bold);
        private XGraphics? _page;
        private double _y;
        private double _width;
        private double _bottom;

        public void Text(string text, XFont font, double height)
        {
            Room(height);
            var lines = Wrap(text, font, _width);
            Room(lines.Count * height);
            foreach (var line in lines)
            {
                _page!.DrawString(line, font, XBrushes.Black, new XRect(Margin, _y, _width, height), XStringFormats.TopLeft);
                _y += height;
            }
        }

        public void Section(ReportSection section)
        {
            Room(24 + 14 + HeaderHeight + RowHeight);
            _y += 8;
            Text(section.Heading, new XFont(ReportFonts.Family, 12, XFontStyleEx.Bold), 18);
            Text(section.About, Regular(8.5), 12);
            var table = section.Table;
            var columns = table.Header.Count;
            var rest = columns > 1 ? (_width - FirstColumn) / (columns - 1) : 0;
            double Left(int c) => c == 0 ? Margin : Margin + FirstColumn + (c - 1) * rest;
            double Width(int c) => c == 0 ? (columns == 1 ? _width : FirstColumn) : rest;
            void Header()
            {
                var formatter = new XTextFormatter(_page!);
                for (var c = 0; c < columns; c++)
                    formatter.DrawString(table.Header[c], _header, XBrushes.Black, new XRect(Left(c) + 2, _y, Width(c) - 4, HeaderHeight - 2), XStringFormats.TopLeft);
                _y += HeaderHeight;
                _page!.DrawLine(XPens.Black, Margin, _y - 2, Margin + _width, _y - 2);
            }
            Header();
            if (table.Rows.Count == 0) Text("Nothing to show for this month.", _cell, RowHeight);
            foreach (var row in table.Rows)
            {
                if (_y + RowHeight > _bottom)
                {
                    NewPage();
                    Header();
                }
                for (var c = 0; c < columns && c < row.Count; c++)
                {
                    var cell = row[c];
                    var text = Fit(cell.Shown, _cell, Width(c) - 4);
                    // Numbers right-aligned as on the pages; text left.
                    var format = cell.Number is null && cell.Shown != Cell.Withheld ? XStringFormats.TopLeft : XStringFormats.TopRight;
                    _page!.DrawString(text, _cell, XBrushes.Black, new XRect(Left(c) + 2, _y, Width(c) - 4, RowHeight), format);
                }
                _y += RowHeight;
            }
        }

        public void Finish() => _page?.Dispose();

        private void Room(double height)
        {
            if (_page is null || _y + height > _bottom) NewPage();
        }

        private void NewPage()
        {
            _page?.Dispose();
            var page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            page.Orientation = PdfSharp.PageOrientation.Landscape;
            _page = XGraphics.FromPdfPage(page);
            _width = page.Width.Point - 2 * Margin;
            _bottom = page.Height.Point - Margin;
            _y = Margin;
        }

        /// <summary>The text cut with an ellipsis to fit one line of <paramref name="width"/>: the full labels are on the pages and in the downloads.</summary>
        private string Fit(string text, XFont font, double width)
        {
            if (_page!.MeasureString(text, font).Width <= width) return text;
            var cut = text;
            while (cut.Length > 1 && _page.MeasureString(cut + "…", font).Width > width) cut = cut[..^1];
            return cut.TrimEnd() + "…";
        }

        private List<string> Wrap(string text, XFont font, double width)
        {
            var lines = new List<string>();
            var line = "";
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var next = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && _page!.MeasureString(next, font).Width > width)
                {
                    lines.Add(line);
                    line = word;
                }
                else
                {
                    line = next;
                }
            }
            if (line.Length > 0) lines.Add(line);
            return lines;
        }
    }
}
