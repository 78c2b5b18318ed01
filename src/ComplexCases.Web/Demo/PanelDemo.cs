using ComplexCases.Application.Access;
using ComplexCases.Application.Panels;
using ComplexCases.Data;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Panels;
using ComplexCases.Domain.Workflow;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Web.Demo;

/// <summary>
/// Demo mode: a panel directory for the demo region (synthetic names; deliberately nobody from adult social care, the gap
/// the evaluation found), the <c>panel-member</c> demo account linked to its mental health member, and — once cases have been
/// referred to the panel — a meeting with them on its agenda. Through the panel use cases, so all of it is audited (as "demo").
/// Idempotent: runs at every start.
/// </summary>
internal static class PanelDemo
{
    private static readonly (string Name, Agency Agency, string JobTitle, string? UserName)[] Directory =
    [
        ("Demo Member Ashdown", Agency.Probation, "Head of public protection", null),
        ("Demo Member Brightwell", Agency.Probation, "Senior probation officer, approved premises", null),
        ("Demo Member Carrow", Agency.Prison, "Head of offender management delivery", null),
        ("Demo Member Denholm", Agency.Police, "Detective sergeant, MAPPA unit", null),
        ("Demo Member Elmstead", Agency.MentalHealth, "Forensic community psychiatric nurse", "panel-member"),
        ("Demo Member Fenwick", Agency.SubstanceMisuse, "Criminal justice drug and alcohol lead", null),
        ("Demo Member Gosfield", Agency.Housing, "Homelessness prevention officer", null),
        ("Demo Member Hadleigh", Agency.OpdPsychology, "OPD pathway psychologist", null),
    ];

    public static void EnsureSeeded(IServiceProvider services, TextWriter log)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ComplexCasesDbContext>();
        var region = db.Users.AsNoTracking().Where(u => u.UserName == "panel-team").Select(u => u.RegionCode).SingleOrDefault();
        if (region is null) return;
        var demo = new StaffUser("demo", "Demo data", [Role.PanelTeam]) { RegionCode = region };

        if (!db.PanelMembers.Any(m => m.RegionCode == region))
        {
            var directory = scope.ServiceProvider.GetRequiredService<PanelDirectory>();
            foreach (var (name, agency, title, userName) in Directory)
            {
                var added = directory.Add(demo, new PanelMemberInput(name, agency, title, null, userName));
                if (!added.Succeeded) throw new InvalidOperationException($"Demo panel member {name}: {string.Join("; ", added.Errors.Select(e => e.Message))}");
            }
            log.WriteLine($"Demo mode: panel directory for {region} ({Directory.Length} members, none from adult social care).");
        }

        // Only cases the workflow has already referred to the panel: the demo never moves a case itself.
        var waiting = db.Workflows.AsNoTracking()
            .Where(w => w.RegionCode == region && w.Stage == (int)CaseStage.AwaitingPanel && !w.LimitedAccess)
            .OrderBy(w => w.Crn).Select(w => w.Crn).Take(4).ToList();
        if (waiting.Count == 0 || db.PanelMeetings.Any(m => m.RegionCode == region)) return;
        var meetings = scope.ServiceProvider.GetRequiredService<PanelMeetings>();
        var meeting = meetings.Schedule(demo, meetings.NextWorkingDay(meetings.Today.AddDays(14)), "Demo Member Ashdown").Value!;
        var invited = db.PanelMembers.AsNoTracking().Where(m => m.RegionCode == region && m.Active && m.Agency != (int)Agency.Housing)
            .Select(m => m.Id).ToList();
        meetings.Invite(demo, meeting.Id, meeting.Version, invited);
        var version = db.PanelMeetings.AsNoTracking().Single(m => m.Id == meeting.Id).Version;
        var agenda = meetings.SetAgenda(demo, meeting.Id, version, waiting);
        log.WriteLine(agenda.Succeeded
            ? $"Demo mode: a panel meeting on {meeting.HeldOn:yyyy-MM-dd} with {waiting.Count} case(s) on its agenda."
            : $"Demo mode: panel meeting scheduled; agenda not set ({string.Join("; ", agenda.Errors.Select(e => e.Message))}).");
    }
}
