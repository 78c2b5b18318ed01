using ComplexCases.Domain.People;

namespace ComplexCases.Synthetic;

/// <summary>The ways a row is made bad; together they cover every rejection reason of extract-format.md.</summary>
internal enum Defect : byte
{
    None,
    BadCrn,
    BadDate,
    UnknownEnum,
    BadFlag,
    BadNumber,
    MissingValue,
    DuplicateKey,
    Orphan,
    DateOrder,
    TooFewFields,
    TooManyFields,
}

/// <summary>
/// Writes one month's extract folder: everyone under supervision on the screening date with every record dated on or
/// before it (an end date still in the future is written empty). People are regenerated from their seeds, so memory
/// stays flat whatever the size.
/// </summary>
internal sealed class MonthWriter
{
    public const string PeopleHeader = "crn,forename,surname,date_of_birth,gender,region_code,region_name,pdu_code,pdu_name,team_code,team_name,practitioner_code,lao";
    public const string StaffHeader = "staff_code,forename,surname,email,grade,team_code,pdu_code,manager_code";
    public const string RegistrationsHeader = "crn,register_code,register_description,level_code,category_code,registered_on,deregistered_on";
    public const string AssessmentsHeader = "crn,assessment_id,completed_on,rosh_overall,alcohol_need,drug_need,alcohol_score,drug_score,learning_difficulties,mental_health_concerns,self_harm_concerns";
    public const string SentencesHeader = "crn,event_number,sentence_type,sentence_description,sentenced_on,terminated_on";
    public const string OpdHeader = "crn,screened_on,result,override";

    private static readonly Defect[] PeopleDefects = [Defect.BadCrn, Defect.BadDate, Defect.UnknownEnum, Defect.BadFlag, Defect.MissingValue, Defect.DuplicateKey, Defect.TooFewFields, Defect.TooManyFields];
    private static readonly Defect[] StaffDefects = [Defect.MissingValue, Defect.DuplicateKey, Defect.TooFewFields];
    private static readonly Defect[] RegistrationDefects = [Defect.BadCrn, Defect.Orphan, Defect.MissingValue, Defect.BadDate, Defect.DateOrder, Defect.TooFewFields, Defect.TooManyFields];
    private static readonly Defect[] AssessmentDefects = [Defect.BadCrn, Defect.Orphan, Defect.MissingValue, Defect.BadDate, Defect.BadFlag, Defect.BadNumber, Defect.UnknownEnum, Defect.DuplicateKey, Defect.TooFewFields];
    private static readonly Defect[] SentenceDefects = [Defect.BadCrn, Defect.Orphan, Defect.MissingValue, Defect.BadDate, Defect.UnknownEnum, Defect.DateOrder, Defect.DuplicateKey, Defect.TooFewFields];
    private static readonly Defect[] OpdDefects = [Defect.BadCrn, Defect.Orphan, Defect.MissingValue, Defect.BadDate, Defect.UnknownEnum, Defect.BadFlag, Defect.TooManyFields];

    private static readonly string[] BadCrns = ["E12345", "E1234567", "EE12345", "123456E", "E12-456"];
    private static readonly string[] BadDates = ["2023-02-30", "31/01/2024", "2024-13-01", "20240115", "not known"];
    private static readonly string[] BadFlags = ["MAYBE", "U", "2", "?"];
    private static readonly string[] BadNumbers = ["-1", "four", "3.5"];
    private static readonly string[] RoshCodes = ["", "LOW", "MEDIUM", "HIGH", "VERY_HIGH"];
    private static readonly string[] RegisterCodes = Enum.GetNames<Register>();
    private static readonly byte[][] RegisterDescriptions =
    [
        .. new[]
        {
            "Low RoSH", "Medium RoSH", "High RoSH", "Very High RoSH", "MAPPA", "Mental Health Issues",
            "Adult Mental Health Liaison", "Risk to Self (Suicide/Self-Harm)", "Interpreter / Literacy Needs",
            "Victim Liaison", "Child Concerns", "Child Protection",
        }.Select(CsvFileWriter.Encode),
    ];
    private static readonly string[] SentenceCodes = Enum.GetNames<SentenceType>();
    private static readonly byte[][] SentenceDescriptions = [.. Model.TypeDescriptions.Select(CsvFileWriter.Encode)];
    // Accepted alternative spellings of Y/N (extract-format.md), used now and then so readers are exercised.
    private static readonly (string Yes, string No)[] FlagSpellings = [("Y", "N"), ("YES", "NO"), ("true", "false"), ("1", "0"), ("y", "n")];

    private const int BlockSize = 4096;

    private readonly CaseloadPlan _plan;
    private readonly int _monthIndex;
    private readonly DateOnly _date;
    private readonly double _rate;
    private readonly int _blocksPerWave;

    /// <param name="concurrentMonths">How many months are written at once: blocks in flight are shared among them.</param>
    public MonthWriter(CaseloadPlan plan, int monthIndex, int concurrentMonths)
    {
        _plan = plan;
        _monthIndex = monthIndex;
        _date = plan.Dates[monthIndex];
        _rate = plan.Options.DefectRate;
        _blocksPerWave = 2 * Math.Max(1, Environment.ProcessorCount / Math.Max(1, concurrentMonths));
    }

    /// <param name="peopleWritten">Told how many more people (slots) have been written, after each wave of blocks.</param>
    public GeneratedMonth Write(string folder, CancellationToken ct, Action<int>? peopleWritten = null)
    {
        Directory.CreateDirectory(folder);
        var defectRows = 0;
        int staffRows;
        using (var staff = new CsvFileWriter(CsvFileWriter.CreateFile(Path.Combine(folder, "staff.csv")), StaffHeader))
        {
            defectRows += WriteStaff(staff);
            staffRows = staff.Rows;
        }

        // People are generated in blocks of slots on all cores; blocks are appended in slot order, so the files
        // do not depend on which block finished first.
        string[] names = ["people.csv", "registrations.csv", "assessments.csv", "sentences.csv", "opd_screenings.csv"];
        string[] headers = [PeopleHeader, RegistrationsHeader, AssessmentsHeader, SentencesHeader, OpdHeader];
        var outputs = new FileStream[names.Length];
        var rows = staffRows;
        try
        {
            for (var f = 0; f < names.Length; f++)
            {
                outputs[f] = CsvFileWriter.CreateFile(Path.Combine(folder, names[f]));
                var header = System.Text.Encoding.UTF8.GetBytes(headers[f] + "\n");
                outputs[f].Write(header);
            }
            var people = _plan.Options.People;
            var blockCount = (people + BlockSize - 1) / BlockSize;
            var blocks = new Block[Math.Min(_blocksPerWave, blockCount)];
            for (var i = 0; i < blocks.Length; i++) blocks[i] = new Block(this);
            var options = new ParallelOptions { CancellationToken = ct };
            for (var wave = 0; wave < blockCount; wave += blocks.Length)
            {
                var n = Math.Min(blocks.Length, blockCount - wave);
                Parallel.For(0, n, options, i => blocks[i].Run((wave + i) * BlockSize, Math.Min(people, (wave + i + 1) * BlockSize), ct));
                for (var i = 0; i < n; i++)
                {
                    rows += blocks[i].MoveTo(outputs);
                    defectRows += blocks[i].TakeDefectRows();
                }
                peopleWritten?.Invoke(Math.Min(people, (wave + n) * BlockSize) - Math.Min(people, wave * BlockSize));
            }
            foreach (var block in blocks) block.Dispose();
        }
        finally
        {
            foreach (var output in outputs) output?.Dispose();
        }
        return new GeneratedMonth(_date, folder, _plan.Options.People, rows, defectRows);
    }

    /// <summary>One worker's share of a month: people of a run of slots, written to memory.</summary>
    private sealed class Block(MonthWriter month) : IDisposable
    {
        private readonly MemoryStream[] _streams = [new(), new(), new(), new(), new()];
        private readonly PersonHistory _person = new();
        private CsvFileWriter[]? _writers;
        private int _defectRows;

        public void Run(int firstSlot, int endSlot, CancellationToken ct)
        {
            _writers ??= [.. _streams.Select(s => new CsvFileWriter(s))];
            var plan = month._plan;
            var pdus = plan.Pdus;
            var p = 0;
            while (pdus[p].FirstSlot + pdus[p].SlotCount <= firstSlot) p++;
            var first = plan.Dates[0];
            for (var slot = firstSlot; slot < endSlot; slot++)
            {
                if ((slot & 511) == 0) ct.ThrowIfCancellationRequested();
                while (pdus[p].FirstSlot + pdus[p].SlotCount <= slot) p++;
                var pdu = pdus[p];
                var occupant = SlotTimeline.At(plan.Options.Seed, slot, first, month._date);
                var number = plan.PersonNumber(slot, occupant.Ordinal);
                _person.Build(occupant, number);
                _defectRows += month.WritePerson(_writers, _person, pdu, slot - pdu.FirstSlot, number, plan.CrnValue(pdu.RegionIndex, number));
            }
            foreach (var w in _writers) w.Flush();
        }

        /// <summary>Appends the block's bytes to the month's files; returns the rows they held.</summary>
        public int MoveTo(FileStream[] outputs)
        {
            var rows = 0;
            for (var f = 0; f < _streams.Length; f++)
            {
                outputs[f].Write(_streams[f].GetBuffer(), 0, (int)_streams[f].Length);
                _streams[f].SetLength(0);
                rows += _writers![f].Rows;
                _writers[f].Rows = 0;
            }
            return rows;
        }

        public int TakeDefectRows()
        {
            var n = _defectRows;
            _defectRows = 0;
            return n;
        }

        public void Dispose()
        {
            if (_writers is not null) foreach (var w in _writers) w.Dispose();
            foreach (var s in _streams) s.Dispose();
        }
    }

    private Defect Pick(ref Rng rng, double rate, Defect[] kinds) =>
        _rate > 0 && rng.Chance(rate) ? kinds[rng.Next(kinds.Length)] : Defect.None;

    /// <summary>Rows the importer will reject: a duplicated key rejects both copies; a rejected person orphans all their rows.</summary>
    private static int Rejected(Defect defect, bool personRejected) =>
        defect == Defect.DuplicateKey ? 2 : defect != Defect.None || personRejected ? 1 : 0;

    private static int OrphanCrn(ref Rng rng) => ((CaseloadPlan.OrphanLetter - 'A') * 1_000_000) + rng.Next(1_000_000);

    private static void CrnField(CsvFileWriter w, int crn, Defect defect, ref Rng rng)
    {
        switch (defect)
        {
            case Defect.BadCrn: w.Ascii(BadCrns[rng.Next(BadCrns.Length)]); break;
            case Defect.Orphan: w.Crn(OrphanCrn(ref rng)); break;
            default: w.Crn(crn); break;
        }
    }

    private static void DateField(CsvFileWriter w, DateOnly date, Defect defect, ref Rng rng)
    {
        if (defect == Defect.BadDate) w.Ascii(BadDates[rng.Next(BadDates.Length)]);
        else w.Date(date);
    }

    private static void WriteFlag(CsvFileWriter w, Flag flag, (string Yes, string No) spelling)
    {
        switch (flag)
        {
            case Domain.People.Flag.Yes: w.Ascii(spelling.Yes); break;
            case Domain.People.Flag.No: w.Ascii(spelling.No); break;
            default: w.Empty(); break;
        }
    }

    private int WriteStaff(CsvFileWriter w)
    {
        var rejected = 0;
        var rng = new Rng((ulong)(uint)_plan.Options.Seed, 0x5747_0000UL + (ulong)_monthIndex);
        foreach (var s in _plan.Staff)
        {
            var defect = Pick(ref rng, _rate, StaffDefects);
            var copies = defect == Defect.DuplicateKey ? 2 : 1;
            for (var c = 0; c < copies; c++)
            {
                w.Ascii(s.Code);
                if (defect == Defect.MissingValue) w.Empty(); else w.Text(s.Forename);
                w.Text(s.Surname);
                w.Text(s.Email);
                w.Ascii(s.Grade);
                w.Text(s.TeamCode);
                w.Ascii(s.PduCode);
                if (defect != Defect.TooFewFields) w.Text(s.ManagerCode);
                w.EndRow();
            }
            rejected += Rejected(defect, false);
        }
        return rejected;
    }

    /// <summary>Writes one person's rows (people, registrations, assessments, sentences, OPD); returns the rows to be rejected.</summary>
    private int WritePerson(CsvFileWriter[] files, PersonHistory p, PduPlan pdu, int indexInPdu, long personNumber, int crn)
    {
        var d = _date;
        var defectRows = 0;
        var rng = new Rng((ulong)(uint)_plan.Options.Seed, 0xDEFEC7UL + (ulong)_monthIndex, (ulong)personNumber);

        // people.csv: a bad person row also orphans every other row of theirs, so it is made bad at an eighth of
        // the rate; overall about RATE of all rows are then rejected.
        var personDefect = Pick(ref rng, _rate / 8, PeopleDefects);
        var rejected = personDefect != Defect.None;
        var w = files[0];
        var practitioner = pdu.PractitionerCodes.Length == 0 ? -1 : indexInPdu % pdu.PractitionerCodes.Length;
        var copies = personDefect == Defect.DuplicateKey ? 2 : 1;
        var missingPdu = rng.Chance(0.5);
        for (var c = 0; c < copies; c++)
        {
            CrnField(w, crn, personDefect, ref rng);
            w.Text(p.Forename);
            w.Text(p.Surname);
            DateField(w, p.DateOfBirth, personDefect, ref rng);
            if (personDefect == Defect.UnknownEnum) w.Ascii("U"); else w.Ascii(p.Gender == 'M' ? "M" : p.Gender == 'F' ? "F" : "X");
            if (personDefect == Defect.MissingValue && !missingPdu) w.Empty(); else w.Bytes(pdu.RegionCode);
            w.Bytes(pdu.RegionName);
            if (personDefect == Defect.MissingValue && missingPdu) w.Empty(); else w.Bytes(pdu.PduCode);
            w.Bytes(pdu.PduName);
            if (practitioner >= 0)
            {
                var team = pdu.PractitionerTeams[practitioner];
                w.Bytes(pdu.TeamCodes[team]);
                w.Bytes(pdu.TeamNames[team]);
                if (d >= p.AllocatedOn) w.Bytes(pdu.PractitionerCodes[practitioner]); else w.Empty();
            }
            else
            {
                w.Empty(); w.Empty(); w.Empty();
            }
            if (personDefect == Defect.BadFlag) w.Ascii("MAYBE");
            else if (personDefect != Defect.TooFewFields) w.Ascii(p.LimitedAccess ? "Y" : "N");
            if (personDefect == Defect.TooManyFields) w.Ascii("");
            w.EndRow();
        }
        defectRows += Rejected(personDefect, false);

        w = files[1];
        foreach (var r in p.Registrations)
        {
            if (r.RegisteredOn > d) continue;
            var defect = rejected ? Defect.None : Pick(ref rng, _rate, RegistrationDefects);
            var missingCode = defect == Defect.MissingValue && rng.Chance(0.5);
            CrnField(w, crn, defect, ref rng);
            if (missingCode) w.Empty(); else w.Ascii(RegisterCodes[(int)r.Code]);
            w.Bytes(RegisterDescriptions[(int)r.Code]);
            if (r.Code == Register.MAPP)
            {
                w.Ascii(r.Level switch { 0 => "M0", 1 => "M1", 2 => "M2", _ => "M3" });
                w.Ascii(r.Category switch { 1 => "M1", 2 => "M2", 3 => "M3", 4 => "M4", _ => "X9" });
            }
            else
            {
                w.Empty(); w.Empty();
            }
            if (defect == Defect.MissingValue && !missingCode) w.Empty(); else DateField(w, r.RegisteredOn, defect, ref rng);
            if (defect == Defect.DateOrder) w.Date(r.RegisteredOn.AddDays(-rng.Between(1, 400)));
            else if (defect != Defect.TooFewFields) w.Date(r.DeregisteredOn <= d ? r.DeregisteredOn : null);
            if (defect == Defect.TooManyFields) w.Ascii("Y");
            w.EndRow();
            defectRows += Rejected(defect, rejected);
        }

        w = files[2];
        foreach (var a in p.Assessments)
        {
            if (a.CompletedOn > d) continue;
            var defect = rejected ? Defect.None : Pick(ref rng, _rate, AssessmentDefects);
            // One assessment in a hundred spells its flags another accepted way; stable from month to month.
            var spellingHash = Rng.Mix((ulong)(uint)_plan.Options.Seed, (ulong)a.Id);
            var spelling = spellingHash % 100 != 0 ? FlagSpellings[0] : FlagSpellings[1 + (int)((spellingHash >> 32) % (ulong)(FlagSpellings.Length - 1))];
            var missingId = defect == Defect.MissingValue && rng.Chance(0.5);
            var badAlcohol = rng.Chance(0.5);
            var copies2 = defect == Defect.DuplicateKey ? 2 : 1;
            for (var c = 0; c < copies2; c++)
            {
                CrnField(w, crn, defect, ref rng);
                if (missingId) w.Empty(); else w.Number(a.Id);
                if (defect == Defect.MissingValue && !missingId) w.Empty(); else DateField(w, a.CompletedOn, defect, ref rng);
                if (defect == Defect.UnknownEnum) w.Ascii("SEVERE"); else if (a.Rosh == 0) w.Empty(); else w.Ascii(RoshCodes[a.Rosh]);
                if (defect == Defect.BadFlag && badAlcohol) w.Ascii(BadFlags[rng.Next(BadFlags.Length)]); else WriteFlag(w, a.AlcoholNeed, spelling);
                if (defect == Defect.BadFlag && !badAlcohol) w.Ascii(BadFlags[rng.Next(BadFlags.Length)]); else WriteFlag(w, a.DrugNeed, spelling);
                if (defect == Defect.BadNumber && badAlcohol) w.Ascii(BadNumbers[rng.Next(BadNumbers.Length)]); else if (a.AlcoholScore < 0) w.Empty(); else w.Number(a.AlcoholScore);
                if (defect == Defect.BadNumber && !badAlcohol) w.Ascii(BadNumbers[rng.Next(BadNumbers.Length)]); else if (a.DrugScore < 0) w.Empty(); else w.Number(a.DrugScore);
                WriteFlag(w, a.LearningDifficulties, spelling);
                WriteFlag(w, a.MentalHealth, spelling);
                if (defect != Defect.TooFewFields) WriteFlag(w, a.SelfHarm, spelling);
                w.EndRow();
            }
            defectRows += Rejected(defect, rejected);
        }

        w = files[3];
        foreach (var s in p.Sentences)
        {
            if (s.SentencedOn > d) continue;
            var defect = rejected ? Defect.None : Pick(ref rng, _rate, SentenceDefects);
            var missingEvent = defect == Defect.MissingValue && rng.Chance(0.5);
            var copies2 = defect == Defect.DuplicateKey ? 2 : 1;
            for (var c = 0; c < copies2; c++)
            {
                CrnField(w, crn, defect, ref rng);
                if (missingEvent) w.Empty(); else w.Number(s.EventNumber);
                if (defect == Defect.UnknownEnum) w.Ascii("SUSP");
                else if (defect == Defect.MissingValue && !missingEvent) w.Empty();
                else w.Ascii(SentenceCodes[(int)s.Type]);
                w.Bytes(SentenceDescriptions[(int)s.Type]);
                DateField(w, s.SentencedOn, defect, ref rng);
                if (defect == Defect.DateOrder) w.Date(s.SentencedOn.AddDays(-rng.Between(1, 400)));
                else if (defect != Defect.TooFewFields) w.Date(s.TerminatedOn <= d ? s.TerminatedOn : null);
                w.EndRow();
            }
            defectRows += Rejected(defect, rejected);
        }

        w = files[4];
        foreach (var o in p.OpdScreenings)
        {
            if (o.ScreenedOn > d) continue;
            var defect = rejected ? Defect.None : Pick(ref rng, _rate, OpdDefects);
            CrnField(w, crn, defect, ref rng);
            if (defect == Defect.MissingValue) w.Empty(); else DateField(w, o.ScreenedOn, defect, ref rng);
            if (defect == Defect.UnknownEnum) w.Ascii("PENDING"); else w.Ascii(o.ScreenedIn ? "SCREENED_IN" : "SCREENED_OUT");
            if (defect == Defect.BadFlag) w.Ascii(BadFlags[rng.Next(BadFlags.Length)]); else WriteFlag(w, o.Override, FlagSpellings[0]);
            if (defect == Defect.TooManyFields) w.Ascii("N");
            w.EndRow();
            defectRows += Rejected(defect, rejected);
        }
        return defectRows;
    }
}
