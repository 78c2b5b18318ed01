using ComplexCases.Application.Access;
using ComplexCases.Application.Notifications;
using ComplexCases.Application.Panels;
using ComplexCases.Application.Storage;
using ComplexCases.Data;
using ComplexCases.Data.Accounts;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Panels;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Web.Demo;

/// <summary>
/// The demo's people: one account per role, scoped to real staff in the generated data (the practitioner with the most
/// complex cases on the first list, their SPO, PDU and region), and a panel directory for the region (synthetic names;
/// deliberately nobody from adult social care, the gap the evaluation found) with the <c>panel-member</c> account linked to
/// its mental health member. Everyone else who takes a step is the case's own practitioner from the generated data.
/// </summary>
internal sealed class DemoStaff
{
    /// <summary>Published in the README: demo mode exists to be tried, and never runs in Production.</summary>
    public const string Password = "Complex-Cases-Demo-2024";

    public const string Chair = "Demo Member Ashdown";

    private static readonly (string Name, Agency Agency, string JobTitle, string? UserName)[] Directory =
    [
        (Chair, Agency.Probation, "Head of public protection", null),
        ("Demo Member Brightwell", Agency.Probation, "Senior probation officer, approved premises", null),
        ("Demo Member Carrow", Agency.Prison, "Head of offender management delivery", null),
        ("Demo Member Denholm", Agency.Police, "Detective sergeant, MAPPA unit", null),
        ("Demo Member Elmstead", Agency.MentalHealth, "Forensic community psychiatric nurse", "panel-member"),
        ("Demo Member Fenwick", Agency.SubstanceMisuse, "Criminal justice drug and alcohol lead", null),
        ("Demo Member Gosfield", Agency.Housing, "Homelessness prevention officer", null),
        ("Demo Member Hadleigh", Agency.OpdPsychology, "OPD pathway psychologist", null),
    ];

    private readonly IServiceProvider _services;

    private DemoStaff(IServiceProvider services, IReadOnlyDictionary<string, StaffUser> users)
    {
        _services = services;
        Practitioner = users["practitioner"];
        Spo = users["spo"];
        PanelTeam = users["panel-team"];
        Qdo = users["qdo"];
    }

    public StaffUser Practitioner { get; }
    public StaffUser Spo { get; }
    public StaffUser PanelTeam { get; }
    public StaffUser Qdo { get; }

    /// <summary>
    /// Who the demo accounts are: a practitioner in Norfolk (when it is there) with the most complex cases on run
    /// <paramref name="runId"/>, preferring one who also has a possibly complex case (so the demo shows both the conversations
    /// and the records to check); their SPO, PDU and region.
    /// </summary>
    public static StaffAccount[] Choose(DatabaseTarget database, int runId)
    {
        using var db = database.Open();
        // A demo month is a few hundred listed people: choose in memory, on every preference at once.
        const byte complex = (byte)Domain.Screening.ScreeningStatus.Complex, possibly = (byte)Domain.Screening.ScreeningStatus.PossiblyComplex;
        var busiest = db.ListedCases.Where(c => c.RunId == runId && c.PractitionerCode != null && !c.LimitedAccess && c.Change != (byte)Domain.Screening.ListChange.Left)
            .AsEnumerable()
            .GroupBy(c => new { c.PractitionerCode, c.PractitionerName, c.SpoCode, c.SpoName, c.TeamCode, c.PduCode, c.RegionCode })
            .OrderByDescending(g => g.Key.PduCode == "EOENFK")
            .ThenByDescending(g => g.Any(c => c.Status == possibly) && g.Any(c => c.Status == complex))
            .ThenByDescending(g => g.Count(c => c.Status == complex)).ThenByDescending(g => g.Count())
            .ThenBy(g => g.Key.PractitionerCode, StringComparer.Ordinal)
            .Select(g => g.Key).First();
        var spoTeams = string.Join(',', db.ListedCases.Where(c => c.RunId == runId && c.SpoCode == busiest.SpoCode && c.TeamCode != null)
            .Select(c => c.TeamCode!).Distinct().OrderBy(t => t).ToList());
        return
        [
            Account("practitioner", busiest.PractitionerName ?? "Demo practitioner", Role.Practitioner, busiest.PractitionerCode, busiest.TeamCode, busiest.PduCode, busiest.RegionCode),
            Account("spo", busiest.SpoName ?? "Demo SPO", Role.Spo, busiest.SpoCode, spoTeams, busiest.PduCode, busiest.RegionCode),
            Account("head-of-pdu", "Demo head of PDU", Role.HeadOfPdu, null, null, busiest.PduCode, busiest.RegionCode),
            Account("panel-team", "Demo panel coordinator", Role.PanelTeam, null, null, null, busiest.RegionCode),
            Account("panel-member", "Demo panel member (mental health trust)", Role.PanelMember, null, null, null, busiest.RegionCode),
            Account("qdo", "Demo quality development officer", Role.Qdo, null, null, null, busiest.RegionCode),
            Account("analyst", "Demo analyst", Role.Analyst, null, null, null, null),
            Account("admin", "Demo administrator", Role.Administrator, null, null, null, null),
        ];
    }

    /// <summary>Creates the <paramref name="accounts"/> and the region's panel directory.</summary>
    public static DemoStaff Create(IServiceProvider services, IEnumerable<StaffAccount> accounts)
    {
        using (var scope = services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffAccount>>();
            foreach (var account in accounts)
            {
                var created = users.CreateAsync(account, Password).GetAwaiter().GetResult();
                if (!created.Succeeded) throw new InvalidOperationException($"Demo account {account.UserName}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
            }
        }
        var staff = Load(services);
        staff.AddPanelDirectory();
        return staff;
    }

    private static DemoStaff Load(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ComplexCasesDbContext>();
        var users = db.Users.AsNoTracking().Where(u => u.IsDemo).ToList()
            .Select(StaffDirectory.ToStaffUser).OfType<StaffUser>().ToDictionary(u => u.Id, StringComparer.Ordinal);
        return new DemoStaff(services, users);
    }

    private void AddPanelDirectory()
    {
        using var scope = _services.CreateScope();
        var directory = scope.ServiceProvider.GetRequiredService<PanelDirectory>();
        foreach (var (name, agency, title, userName) in Directory)
        {
            var added = directory.Add(PanelTeam, new PanelMemberInput(name, agency, title, null, userName));
            if (!added.Succeeded) throw new InvalidOperationException($"Demo panel member {name}: {string.Join("; ", added.Errors.Select(e => e.Message))}");
        }
    }

    /// <summary>Everyone in the region's directory but housing: the meeting then lacks an agency its cases need.</summary>
    public List<long> PanelMemberIds(ComplexCasesDbContext db) =>
        [.. db.PanelMembers.AsNoTracking().Where(m => m.RegionCode == PanelTeam.RegionCode && m.Active && m.Agency != (int)Agency.Housing)
            .OrderBy(m => m.Id).Select(m => m.Id)];

    /// <summary>The practitioner and SPO names of a case as its latest list gives them.</summary>
    public (string Practitioner, string Spo) NamesOf(CaseWorkflowRecord record)
    {
        using var scope = _services.CreateScope();
        var names = scope.ServiceProvider.GetRequiredService<ComplexCasesDbContext>().ListedCases.AsNoTracking()
            .Where(c => c.RunId == record.LatestRunId && c.Crn == record.Crn).Select(c => new { c.PractitionerName, c.SpoName }).Single();
        return (names.PractitionerName ?? "Unallocated practitioner", names.SpoName ?? Spo.DisplayName);
    }

    /// <summary>A case's own practitioner as a user (a person in the generated data, not a demo account).</summary>
    public StaffUser PractitionerOf(CaseWorkflowRecord record) =>
        new($"demo-{record.PractitionerCode}", NamesOf(record).Practitioner, [Role.Practitioner])
        {
            StaffCode = record.PractitionerCode,
            TeamCodes = record.TeamCode is { } team ? new HashSet<string> { team } : new HashSet<string>(),
            PduCode = record.PduCode,
            RegionCode = record.RegionCode,
        };

    private static StaffAccount Account(string userName, string name, Role role, string? staff, string? teams, string? pdu, string? region) => new()
    {
        UserName = userName, DisplayName = name, Roles = role.ToString(), StaffCode = staff, TeamCodes = teams, PduCode = pdu, RegionCode = region, IsDemo = true,
    };
}
