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
    private const double HeaderLine = 9;
    private const double Padding = 4;
    private const double MinimumFigureWidth = 48;
    private const double MinimumTextWidth = 80;
    private static readonly XPen RowRule = new(XColor.FromArgb(0xB1, 0xB4, 0xB6), 0.5);

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
        writer.Gap(6);
        writer.Text(footnote, Regular(8), 12);
        writer.Finish();
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    private static XFont Regular(double size) => new(ReportFonts.Family, size, XFontStyleEx.Regular);

    /// <summary>A table's column widths, and which columns hold figures (right-aligned).</summary>
    private sealed record Layout(IReadOnlyList<double> Widths, IReadOnlyList<bool> Figures);

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

        public void Gap(double height) => _y += height;

        public void Section(ReportSection section)
        {
            var table = section.Table;
            var layout = Columns(table);
            var headerLines = table.Header.Select((h, c) => Wrap(h, _header, layout.Widths[c] - 2 * Padding)).ToList();
            var headerHeight = headerLines.Max(l => l.Count) * HeaderLine + 4;
            Room(24 + 14 + headerHeight + RowHeight);
            _y += 8;
            Text(section.Heading, new XFont(ReportFonts.Family, 12, XFontStyleEx.Bold), 18);
            Text(section.About, Regular(8.5), 12);
            var right = Margin + layout.Widths.Sum();
            void Header()
            {
                // Headers sit on the rule, wrapped to their column and aligned as its figures are, so each reads above them.
                for (var c = 0; c < layout.Widths.Count; c++)
                {
                    var lines = headerLines[c];
                    var y = _y + headerHeight - 4 - lines.Count * HeaderLine;
                    foreach (var line in lines)
                    {
                        Draw(line, _header, layout, c, y, HeaderLine);
                        y += HeaderLine;
                    }
                }
                _y += headerHeight;
                _page!.DrawLine(XPens.Black, Margin, _y - 2, right, _y - 2);
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
                for (var c = 0; c < layout.Widths.Count && c < row.Count; c++)
                    Draw(Fit(row[c].Shown, _cell, layout.Widths[c] - 2 * Padding), _cell, layout, c, _y + 2, RowHeight);
                _y += RowHeight;
                _page!.DrawLine(RowRule, Margin, _y - 1, right, _y - 1);
            }
        }

        private void Draw(string text, XFont font, Layout layout, int column, double y, double height)
        {
            var left = Margin + layout.Widths.Take(column).Sum();
            var box = new XRect(left + Padding, y, layout.Widths[column] - 2 * Padding, height);
            _page!.DrawString(text, font, XBrushes.Black, box, layout.Figures[column] ? XStringFormats.TopRight : XStringFormats.TopLeft);
        }

        /// <summary>
        /// Each column as wide as its widest cell or header word (a header may wrap to two lines), so a table is only as wide
        /// as it needs; a text column gives way (its cells cut with an ellipsis) when the table would not fit the page.
        /// Figures (numbers, shares, withheld markers, dashes) are right-aligned, header and all, as on the pages.
        /// </summary>
        private Layout Columns(DownloadTable table)
        {
            var count = table.Header.Count;
            var figures = Enumerable.Range(0, count).Select(c => c > 0 && table.Rows.All(r => c >= r.Count || IsFigure(r[c]))).ToList();
            var widths = Enumerable.Range(0, count).Select(c =>
            {
                var cells = table.Rows.Where(r => c < r.Count).Select(r => Measure(r[c].Shown, _cell)).DefaultIfEmpty(0).Max();
                var natural = Math.Max(TwoLines(table.Header[c]), cells) + 2 * Padding;
                return figures[c] ? Math.Max(natural, MinimumFigureWidth) : Math.Min(natural, _width * 0.45);
            }).ToList();
            var over = widths.Sum() - _width;
            for (var c = 0; c < count && over > 0; c++)
            {
                if (figures[c]) continue;
                var give = Math.Min(over, widths[c] - MinimumTextWidth);
                if (give <= 0) continue;
                widths[c] -= give;
                over -= give;
            }
            if (over > 0)
            {
                var scale = _width / widths.Sum();
                widths = widths.Select(w => w * scale).ToList();
            }
            return new Layout(widths, figures);
        }

        /// <summary>The narrowest width that holds <paramref name="header"/> on at most two lines, broken between words.</summary>
        private double TwoLines(string header)
        {
            var words = header.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 2) return Measure(header, _header);
            return Enumerable.Range(1, words.Length - 1)
                .Min(i => Math.Max(Measure(string.Join(' ', words[..i]), _header), Measure(string.Join(' ', words[i..]), _header)));
        }

        private static bool IsFigure(Cell cell) => cell.Number is not null || cell.Shown is Cell.Withheld or "–" or "-" or "";

        private double Measure(string text, XFont font) => _page!.MeasureString(text, font).Width;

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
