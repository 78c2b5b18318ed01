using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using ComplexCases.Domain.Screening;

namespace ComplexCases.Extracts.Reading;

/// <summary>
/// Reads an extract folder (format v1, the contract in extract-format.md) into a <see cref="Caseload"/>,
/// rejecting the rows that break the contract and reporting each one.
/// </summary>
/// <remarks>
/// <para>Order of work: every present file is opened and its header checked first, so that a missing
/// required column stops the read before any row is read. Then the files are streamed, biggest
/// first, one per core at a time, each row checked as it goes by. A file of records is checked
/// against people.csv (orphans) and its key (duplicates), and grouped by person, as soon as both it
/// and people.csv have been read.</para>
/// <para>Fingerprint (<see cref="ExtractReadResult.Sha256"/>): each present file's bytes are hashed
/// with SHA-256 as they are read (no second read). The extract's fingerprint is the SHA-256, in
/// lower-case hex, of the UTF-8 text made by writing, for each known file present, in the order of
/// <see cref="ExtractFiles.All"/>, the line <c>"{fileName}:{sha256 of its bytes, lower-case hex}\n"</c>.
/// It can be checked by hand: <c>for f in people.csv staff.csv …; do [ -f $f ] &amp;&amp; echo "$f:$(sha256sum &lt; $f | cut -c1-64)"; done | sha256sum</c>.</para>
/// </remarks>
public static class ExtractReader
{
    /// <summary>Reads the extract in <paramref name="folder"/>. Never throws for bad input: a fatal problem comes back as a failure.</summary>
    /// <param name="progress">Told the bytes read of each file as it goes (from more than one thread).</param>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    public static ExtractReadOutcome Read(string folder, IProgress<ExtractProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(folder) || !Directory.Exists(folder))
            return ExtractReadOutcome.Failure(new ExtractError(null, $"the extract folder '{folder}' does not exist"));

        var people = new PeopleFile();
        var staff = new StaffFile();
        var registrations = new RegistrationsFile();
        var assessments = new AssessmentsFile();
        var sentences = new SentencesFile();
        var opd = new OpdScreeningsFile();
        ExtractFile[] files = [people, staff, registrations, assessments, sentences, opd];
        try
        {
            foreach (var file in files)
            {
                var error = file.Open(folder, progress);
                if (error is not null) return ExtractReadOutcome.Failure(error);
            }

            var errors = Read(files, people, staff, [registrations, assessments, sentences, opd], cancellationToken);
            var firstError = files.Select(f => errors.GetValueOrDefault(f)).FirstOrDefault(e => e is not null);
            if (firstError is not null) return ExtractReadOutcome.Failure(firstError);

            var (rejected, rejectedStarts) = RejectedRecords(people.Index,
                (RecordKind.Registration, registrations), (RecordKind.Assessment, assessments),
                (RecordKind.Sentence, sentences), (RecordKind.OpdScreening, opd));
            var caseload = new Caseload(people.Index.People, staff.Directory,
                registrations.Items, registrations.Starts, assessments.Items, assessments.Starts,
                sentences.Items, sentences.Starts, opd.Items, opd.Starts, rejected, rejectedStarts);
            var reports = files.Select(f => new FileReport(f.FileName, f.Present, f.RowsRead, f.RowsAccepted, f.RowsRejected)).ToList();
            var rejections = new List<Rejection>(files.Sum(f => f.RowsRejected));
            foreach (var file in files) rejections.AddRange(file.Rejections);
            var warnings = files.SelectMany(f => f.Warnings).Concat(CrossFileWarnings(caseload, staff.Present)).ToList();
            return ExtractReadOutcome.Success(new ExtractReadResult(caseload, Fingerprint(files), reports, rejections, warnings));
        }
        finally
        {
            foreach (var file in files) file.Dispose();
        }
    }

    /// <summary>
    /// Reads every file, biggest first, one per core at a time; each file of records is grouped as
    /// soon as both it and people.csv are read. Returns the fatal problem of each file that had one.
    /// </summary>
    private static Dictionary<ExtractFile, ExtractError> Read(
        ExtractFile[] files, PeopleFile people, StaffFile staff, IPersonRecords[] recordFiles, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<ExtractFile, ExtractError>();
        var state = new object();
        var recordsRead = new List<IPersonRecords>();
        var peopleReady = false;
        var queue = new WorkQueue();

        void ReadFile(ExtractFile file)
        {
            var error = file.ReadRows(cancellationToken);
            lock (state)
            {
                if (error is not null) errors[file] = error;
                if (errors.Count > 0) return;
            }
            if (file == people)
            {
                queue.Add(() =>
                {
                    people.Assemble();
                    lock (state)
                    {
                        peopleReady = true;
                        foreach (var records in recordsRead) queue.Add(() => records.Assemble(people.Index), first: true);
                    }
                }, first: true);
            }
            else if (file == staff)
            {
                staff.Assemble();
            }
            else
            {
                var records = (IPersonRecords)file;
                lock (state)
                {
                    if (peopleReady) queue.Add(() => records.Assemble(people.Index), first: true);
                    else recordsRead.Add(records);
                }
            }
        }

        // An absent file reads as no rows, and its (empty) records are still grouped for the caseload.
        foreach (var file in files.OrderByDescending(f => f.Length)) queue.Add(() => ReadFile(file));
        queue.Run(Math.Max(2, Environment.ProcessorCount));
        cancellationToken.ThrowIfCancellationRequested();
        return errors;
    }

    /// <summary>
    /// The rejected rows of the record files that name a screened person (criteria.md: "Rejected rows leave a person's
    /// records incomplete"), grouped by person, each person's by file then line. A row that names no one (wrong number
    /// of fields, a malformed or missing crn) or someone not screened (an orphan) is left out.
    /// </summary>
    private static (RejectedRecord[] Items, int[] Starts) RejectedRecords(PeopleIndex people, params (RecordKind Kind, ExtractFile File)[] files)
    {
        var starts = new int[people.People.Length + 1];
        var named = 0;
        foreach (var (_, file) in files)
        {
            foreach (var r in file.Rejections)
            {
                if (r.Names is not { } crn) continue;
                var owner = people.IndexOf(crn.Value);
                if (owner < 0) continue;
                starts[owner + 1]++;
                named++;
            }
        }
        if (named == 0) return ([], starts);
        for (var p = 1; p < starts.Length; p++) starts[p] += starts[p - 1];
        var next = starts.AsSpan(0, people.People.Length).ToArray();
        var items = new RejectedRecord[named];
        foreach (var (kind, file) in files)
        {
            foreach (var r in file.Rejections)
            {
                if (r.Names is not { } crn) continue;
                var owner = people.IndexOf(crn.Value);
                if (owner >= 0) items[next[owner]++] = new RejectedRecord(kind, r.Line, RejectionWords.Describe(r));
            }
        }
        return (items, starts);
    }

    private static string Fingerprint(IEnumerable<ExtractFile> files)
    {
        var text = new StringBuilder();
        foreach (var file in files.Where(f => f.Present)) text.Append(file.FileName).Append(':').Append(file.Sha256).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>Staff codes that point nowhere: not a reason to reject a row, but worth telling.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<ExtractWarning> CrossFileWarnings(Caseload caseload, bool staffPresent)
    {
        var warnings = new List<ExtractWarning>();
        if (!staffPresent) return warnings;
        // Codes are interned, so collecting the distinct instances first keeps this to a few thousand look-ups.
        var practitioners = new HashSet<string>(ReferenceEqualityComparer.Instance);
        foreach (var person in caseload.People)
        {
            if (person.PractitionerCode is { } code) practitioners.Add(code);
        }
        var unknownPractitioners = new SortedSet<string>(practitioners.Where(code => !caseload.Staff.ContainsKey(code)), StringComparer.Ordinal);
        if (unknownPractitioners.Count > 0) warnings.Add(new ExtractWarning(ExtractFiles.People, Describe("practitioner_code", unknownPractitioners)));

        var unknownManagers = new SortedSet<string>(
            caseload.Staff.Values.Select(s => s.ManagerCode).OfType<string>().Where(code => !caseload.Staff.ContainsKey(code)),
            StringComparer.Ordinal);
        if (unknownManagers.Count > 0) warnings.Add(new ExtractWarning(ExtractFiles.Staff, Describe("manager_code", unknownManagers)));
        return warnings;
    }

    private static string Describe(string column, SortedSet<string> codes) => codes.Count == 1
        ? $"{column} '{codes.Min}' is not a staff code in {ExtractFiles.Staff}"
        : $"{codes.Count} {column} values are not staff codes in {ExtractFiles.Staff} (e.g. '{codes.Min}')";
}
