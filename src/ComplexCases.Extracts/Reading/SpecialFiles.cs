using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace ComplexCases.Extracts.Reading;

/// <summary>
/// Tells a regular file from a pipe, socket or device without blocking: opening a FIFO for reading waits for a writer,
/// so a FIFO named people.csv would hang the run forever. .NET has no public way to ask for a file's type, so on Linux the
/// file is opened non-blocking (harmless for a regular file) and asked whether it can seek (a pipe cannot).
/// </summary>
public static partial class SpecialFiles
{
    private const int ReadOnly = 0;
    private const int NonBlocking = 0x800; // O_NONBLOCK on Linux x64, arm64 and arm
    private const int CloseOnExec = 0x80000; // O_CLOEXEC on the same

    public static bool IsRegularFile(string path)
    {
        if (!OperatingSystem.IsLinux()) return true;
        var fd = Open(path, ReadOnly | NonBlocking | CloseOnExec);
        // A socket cannot be opened at all: not a regular file either. Anything else unopenable is for the real open to report.
        if (fd < 0) return Marshal.GetLastPInvokeError() != 6 /* ENXIO */;
        using var handle = new SafeFileHandle(fd, ownsHandle: true);
        using var stream = new FileStream(handle, FileAccess.Read, bufferSize: 0);
        return stream.CanSeek;
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);
}
