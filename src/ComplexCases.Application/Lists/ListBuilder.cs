using ComplexCases.Application.Screening;
using ComplexCases.Data.Screening;
using ComplexCases.Domain.People;
using ComplexCases.Domain.Screening;

namespace ComplexCases.Application.Lists;

/// <summary>Builds the month's list entries: who is listed, what changed since the previous run, who left.</summary>
internal static class ListBuilder
{
    public static List<ListEntry> Build(Caseload caseload, PersonOutcome[] outcomes,
        IReadOnlyDictionary<string, ListedCase> previous)
    {
        var entries = new List<ListEntry>();
        var stillHere = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < caseload.Count; i++)
        {
            var outcome = outcomes[i];
            var person = caseload[i];
            var crn = person.Crn.ToString();
            var wasListed = previous.TryGetValue(crn, out var before);
            if (!outcome.IsListed)
            {
                if (wasListed)
                {
                    stillHere.Add(crn);
                    entries.Add(Describe(person, caseload, outcome, ListChange.Left, before!.MonthsListed) with { Person = i });
                }
                continue;
            }
            if (wasListed) stillHere.Add(crn);
            entries.Add(Describe(person, caseload, outcome, wasListed ? ListChange.Continuing : ListChange.New, wasListed ? before!.MonthsListed + 1 : 1) with
            {
                Person = i,
            });
        }

        // Listed last time and no longer in the extract at all (supervision ended, or moved out of the extract).
        foreach (var (crn, before) in previous)
        {
            if (stillHere.Contains(crn)) continue;
            entries.Add(new ListEntry(crn, before.PduCode, before.PduName, before.RegionCode, ScreeningStatus.NotListed, ListChange.Left,
                0, 0, 0, before.MonthsListed)
            {
                Forename = before.Forename,
                Surname = before.Surname,
                TeamCode = before.TeamCode,
                TeamName = before.TeamName,
                PractitionerCode = before.PractitionerCode,
                PractitionerName = before.PractitionerName,
                SpoCode = before.SpoCode,
                SpoName = before.SpoName,
                LimitedAccess = before.LimitedAccess,
            });
        }

        entries.Sort(static (a, b) =>
        {
            var byPdu = string.CompareOrdinal(a.PduCode, b.PduCode);
            return byPdu != 0 ? byPdu : string.CompareOrdinal(a.Crn, b.Crn);
        });
        return entries;
    }

    private static ListEntry Describe(Person person, Caseload caseload, PersonOutcome outcome, ListChange change, int monthsListed)
    {
        StaffMember? practitioner = null;
        StaffMember? spo = null;
        if (person.PractitionerCode is { } code && caseload.Staff.TryGetValue(code, out practitioner) &&
            practitioner.ManagerCode is { } manager)
        {
            caseload.Staff.TryGetValue(manager, out spo);
        }
        return new ListEntry(person.Crn.ToString(), person.PduCode, person.PduName, person.RegionCode, outcome.Status, change,
            outcome.Score, outcome.MetMask, outcome.UnknownMask, monthsListed)
        {
            Forename = person.Forename,
            Surname = person.Surname,
            TeamCode = person.TeamCode,
            TeamName = person.TeamName,
            PractitionerCode = person.PractitionerCode,
            PractitionerName = FullName(practitioner),
            SpoCode = spo?.StaffCode ?? practitioner?.ManagerCode,
            SpoName = FullName(spo),
            LimitedAccess = person.LimitedAccess,
        };
    }

    private static string? FullName(StaffMember? staff) => staff is null ? null : $"{staff.Forename} {staff.Surname}";
}
