using PdfSharp.Fonts;

namespace ComplexCases.Web.Insight;

/// <summary>
/// PDFsharp's fonts for the reports: DejaVu Sans, regular and bold, embedded in this assembly from the npm package
/// dejavu-fonts-ttf (see the project file). PDFsharp finds no system fonts on Linux, and a report must look the same on a
/// fresh server with nothing installed.
/// </summary>
public sealed class ReportFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private static readonly Lock Gate = new();

    /// <summary>Installs the resolver once per process: PDFsharp's font settings are global and refuse a change after use.</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is ReportFonts) return;
            GlobalFontSettings.FontResolver = new ReportFonts();
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        // One family: any name asked for is drawn in DejaVu Sans, bold when asked; italic is never used by the reports.
        new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

    public byte[]? GetFont(string faceName)
    {
        using var stream = typeof(ReportFonts).Assembly.GetManifestResourceStream($"fonts/{faceName}.ttf");
        if (stream is null) return null;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
