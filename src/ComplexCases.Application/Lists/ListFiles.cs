namespace ComplexCases.Application.Lists;

/// <summary>How a PDU's list is named and how criteria are written in it, alike in the monthly run's files and in downloads.</summary>
public static class ListFiles
{
    /// <summary>Longest file name (before .csv/.xlsx) a PDU's list gets: file systems allow 255 bytes.</summary>
    public const int MaxFileNameLength = 120;

    /// <summary>
    /// The file name for a PDU's list. PDU codes come from the extract, so anything but letters, digits, '-' and '_'
    /// is percent-encoded: a code can never name a path outside the output folder, and two codes never share a file.
    /// A code too long for a file name (file systems stop at 255 bytes) keeps its start and ends with '~' and a hash of the
    /// whole code, so it is still one file per code rather than a failed run.
    /// </summary>
    public static string FileNameFor(string pduCode)
    {
        var name = new System.Text.StringBuilder(pduCode.Length);
        foreach (var c in pduCode)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_') name.Append(c);
            else foreach (var b in System.Text.Encoding.UTF8.GetBytes(c.ToString())) name.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        if (name.Length <= MaxFileNameLength) return name.ToString();
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(pduCode)))[..16];
        var keep = MaxFileNameLength - hash.Length - 1;
        // Never cut a %XX escape in half.
        var cut = name.ToString(0, keep);
        var percent = cut.LastIndexOf('%');
        if (percent >= 0 && percent > keep - 3) cut = cut[..percent];
        return cut + "~" + hash;
    }

    public static string Criteria(IEnumerable<string> ids) => string.Join(';', ids);
}
