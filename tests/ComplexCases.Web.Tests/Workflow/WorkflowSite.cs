using System.Net;
using System.Text.RegularExpressions;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Workflow;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Web.Tests.Workflow;

/// <summary>
/// Puts demo cases where a test needs them: placed on the demo practitioner's caseload (so the practitioner, their SPO, the
/// head of their PDU and the regional panel team all reach them) at a chosen stage. The demo region is small, so each
/// test class takes cases in turn and starts again when it has used them all.
/// </summary>
internal static partial class WorkflowSite
{
    public sealed record Placed(string Crn, int Version);

    private static readonly Lock Gate = new();
    private static readonly Dictionary<DemoSiteFactory, HashSet<string>> Used = [];

    /// <param name="onLatestList">Only a case on the latest list with no steps yet (as the progress page counts them).</param>
    /// <param name="someoneElse">Place it on this practitioner (code, name) in the demo practitioner's team instead.</param>
    public static Placed CaseAt(this DemoSiteFactory site, CaseStage stage, bool onLatestList = false, (string Code, string Name)? someoneElse = null)
    {
        using var db = site.OpenDatabase();
        var practitioner = db.Users.AsNoTracking().Single(u => u.UserName == "practitioner");
        var spo = db.Users.AsNoTracking().Single(u => u.UserName == "spo");
        var latest = db.Runs.Max(r => r.Id);
        var candidates = db.Workflows.Where(w => !w.LimitedAccess && (!onLatestList || (w.LatestRunId == latest && !w.Events.Any())))
            .OrderBy(w => w.Crn).ToList();
        CaseWorkflowRecord chosen;
        lock (Gate)
        {
            if (!Used.TryGetValue(site, out var used)) Used[site] = used = [];
            if (candidates.All(c => used.Contains(c.Crn))) used.RemoveWhere(crn => candidates.Any(c => c.Crn == crn));
            chosen = candidates.First(c => !used.Contains(c.Crn));
            used.Add(chosen.Crn);
        }
        chosen.Stage = (int)stage;
        chosen.ConversationDue = stage == CaseStage.AwaitingConversation ? chosen.ListedOn.AddDays(28) : null;
        chosen.TriageDue = stage == CaseStage.AwaitingTriage ? chosen.ListedOn.AddDays(14) : null;
        chosen.FollowUpDue = stage == CaseStage.ActionsInProgress ? chosen.ListedOn.AddDays(56) : null;
        var (code, name) = someoneElse ?? (practitioner.StaffCode!, practitioner.DisplayName);
        chosen.PractitionerCode = code;
        chosen.SpoCode = spo.StaffCode;
        chosen.TeamCode = practitioner.TeamCodes;
        chosen.PduCode = practitioner.PduCode!;
        chosen.RegionCode = practitioner.RegionCode;
        // Every month's listing, not only the one that put the case in the process: access follows the latest listing.
        foreach (var listing in db.ListedCases.Where(c => c.Crn == chosen.Crn))
        {
            listing.PractitionerCode = code;
            listing.PractitionerName = name;
            listing.SpoCode = spo.StaffCode;
            listing.SpoName = spo.DisplayName;
            listing.TeamCode = practitioner.TeamCodes;
            listing.PduCode = practitioner.PduCode!;
            listing.RegionCode = practitioner.RegionCode;
        }
        db.SaveChanges();
        return new Placed(chosen.Crn, chosen.Version);
    }

    /// <summary>The stored workflow with its events.</summary>
    public static CaseWorkflowRecord Workflow(this DemoSiteFactory site, string crn)
    {
        using var db = site.OpenDatabase();
        return db.Workflows.AsNoTracking().Include(w => w.Events).Single(w => w.Crn == crn);
    }

    public static int AuditCount(this DemoSiteFactory site, string eventType, string crn)
    {
        using var db = site.OpenDatabase();
        return db.AuditEvents.AsNoTracking().Count(e => e.EventType == eventType && e.SubjectCrns != null && e.SubjectCrns.Contains(crn));
    }

    /// <summary>
    /// Posts these fields with the form's antiforgery token and version: from <paramref name="openedForm"/> (a form opened
    /// earlier, to submit it late), else from opening the form now.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, string path, IEnumerable<KeyValuePair<string, string>> fields,
        string? openedForm = null)
    {
        var html = openedForm;
        if (html is null)
        {
            var form = await client.GetAsync(path);
            form.StatusCode.ShouldBe(HttpStatusCode.OK, path);
            html = await form.Content.ReadAsStringAsync();
        }
        var values = new List<KeyValuePair<string, string>>(fields)
        {
            new("__RequestVerificationToken", SignedInClient.AntiforgeryToken(html)),
            new("version", VersionIn(html).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        return await client.PostAsync(path, new FormUrlEncodedContent(values));
    }

    public static int VersionIn(string html) => int.Parse(VersionField().Match(html).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("name=\"version\" value=\"(\\d+)\"")]
    private static partial Regex VersionField();
}
