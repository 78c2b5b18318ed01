using System.Collections.Frozen;
using ComplexCases.Domain.Panels;

namespace ComplexCases.Domain.Workflow;

/// <summary>What stood in the way, in categories that can be counted across cases. Values are stored: never renumber.</summary>
public enum BlockageCategory
{
    Accommodation = 1,
    MentalHealthServices = 2,
    SubstanceMisuseServices = 3,
    RiskManagement = 4,
    Engagement = 5,
    MultiAgencyWorking = 6,
    AdultSocialCare = 7,
    Workload = 8,
    Interventions = 9,
    Other = 10,
}

public static class BlockageCategories
{
    /// <summary>The key used in data files, e.g. <c>adult_social_care</c>.</summary>
    public static string ToKey(this BlockageCategory category) => category switch
    {
        BlockageCategory.Accommodation => "accommodation",
        BlockageCategory.MentalHealthServices => "mental_health_services",
        BlockageCategory.SubstanceMisuseServices => "substance_misuse_services",
        BlockageCategory.RiskManagement => "risk_management",
        BlockageCategory.Engagement => "engagement",
        BlockageCategory.MultiAgencyWorking => "multi_agency_working",
        BlockageCategory.AdultSocialCare => "adult_social_care",
        BlockageCategory.Workload => "workload",
        BlockageCategory.Interventions => "interventions",
        BlockageCategory.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };

    public static bool TryParse(string? key, out BlockageCategory category)
    {
        foreach (var candidate in Enum.GetValues<BlockageCategory>())
        {
            if (candidate.ToKey() == key)
            {
                category = candidate;
                return true;
            }
        }
        category = default;
        return false;
    }

    public static string Label(this BlockageCategory category) => category switch
    {
        BlockageCategory.Accommodation => "Accommodation",
        BlockageCategory.MentalHealthServices => "Access to mental health services",
        BlockageCategory.SubstanceMisuseServices => "Access to substance misuse services",
        BlockageCategory.RiskManagement => "Managing risk",
        BlockageCategory.Engagement => "Engagement with supervision",
        BlockageCategory.MultiAgencyWorking => "Working with other agencies",
        BlockageCategory.AdultSocialCare => "Adult social care or learning disability support",
        BlockageCategory.Workload => "Workload or time",
        BlockageCategory.Interventions => "Access to interventions",
        BlockageCategory.Other => "Other",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };
}

/// <summary>
/// The reflective practice conversation between a practitioner and their SPO. <see cref="SpoUserName"/> is the SPO's account
/// (the SPO confirms the record through it), and <see cref="PersonsView"/> the person's own view of their situation, which the
/// QDO checklist asks about. Both are absent from conversations recorded before they were collected.
/// </summary>
public sealed record Conversation(
    DateOnly HeldOn, string Practitioner, string Spo, string Discussed, IReadOnlySet<BlockageCategory> Blockages, string BlockageDetail)
{
    public const int MaxText = 4000;

    /// <summary>The SPO's account (user name): who is asked to confirm the record.</summary>
    public string? SpoUserName { get; init; }

    /// <summary>The person's own view of their situation, in their words where possible.</summary>
    public string? PersonsView { get; init; }

    /// <summary>Checks a conversation for a case listed on <paramref name="listedOn"/>, recorded on <paramref name="today"/>.</summary>
    public static Validated<Conversation> Create(DateOnly? heldOn, string? practitioner, string? spo, string? discussed,
        IEnumerable<BlockageCategory>? blockages, string? blockageDetail, DateOnly listedOn, DateOnly today)
    {
        var checks = new Checks();
        var day = checks.Date("heldOn", "the date of the conversation", heldOn, notAfter: today, notBefore: listedOn, after: "the date of the list");
        var pp = checks.Text("practitioner", "the practitioner's name", practitioner, 128);
        var senior = checks.Text("spo", "the SPO's name", spo, 128);
        var what = checks.Text("discussed", "what was discussed", discussed, MaxText);
        var categories = (blockages ?? []).ToFrozenSet();
        if (categories.Any(c => !Enum.IsDefined(c))) checks.Add("blockages", "Choose blockages from the list");
        var detail = checks.Text("blockageDetail", "the blockages", blockageDetail, MaxText, required: categories.Contains(BlockageCategory.Other));
        return checks.Result(() => new Conversation(day, pp, senior, what, categories, detail));
    }

    /// <summary>
    /// Checks a conversation as the form records it now: the SPO named by their account (<paramref name="spoUserName"/>, with
    /// <paramref name="spoName"/> their display name, or null when the account is not one the case's SPO could be) and the
    /// person's own view, both required.
    /// </summary>
    public static Validated<Conversation> Record(DateOnly? heldOn, string? practitioner, string? spoUserName, string? spoName, string? personsView,
        string? discussed, IEnumerable<BlockageCategory>? blockages, string? blockageDetail, DateOnly listedOn, DateOnly today)
    {
        var checks = new Checks();
        if (string.IsNullOrWhiteSpace(spoUserName)) checks.Add("spo", "Choose the SPO who held the conversation");
        else if (spoName is null) checks.Add("spo", "Choose an SPO from the list: that account is not an SPO for this case");
        var view = checks.Text("personsView", "the person's own view", personsView, MaxText);
        var basic = Create(heldOn, practitioner, spoName ?? "", discussed, blockages, blockageDetail, listedOn, today);
        var errors = basic.Errors.Where(e => e.Field != "spo").Concat(checks.Errors).ToList();
        return errors.Count > 0
            ? new Validated<Conversation>(null, errors)
            : Validated<Conversation>.Ok(basic.Value! with { SpoUserName = spoUserName!.Trim(), PersonsView = view });
    }
}

/// <summary>What the practitioner asks of the panel team when escalating.</summary>
public sealed record Escalation(string Blockage, string Tried, string SupportAsked)
{
    public static Validated<Escalation> Create(string? blockage, string? tried, string? supportAsked)
    {
        var checks = new Checks();
        var b = checks.Text("blockage", "the blockage", blockage, Conversation.MaxText);
        var t = checks.Text("tried", "what has been tried", tried, Conversation.MaxText);
        var s = checks.Text("supportAsked", "what support is asked for", supportAsked, Conversation.MaxText);
        return checks.Result(() => new Escalation(b, t, s));
    }
}

/// <summary>The panel team's triage meeting on an escalated case.</summary>
public sealed record Triage(DateOnly HeldOn, IReadOnlyList<string> Attendees, string Rationale, string Advice)
{
    /// <summary>A triage meeting is a handful of people; the bound keeps a record a readable size.</summary>
    public const int MaxAttendees = 30;

    /// <param name="escalatedOn">The date of the conversation that escalated the case: a triage cannot come before it.</param>
    public static Validated<Triage> Create(DateOnly? heldOn, IEnumerable<string>? attendees, string? rationale, string? advice,
        bool referToPanel, DateOnly today, DateOnly? escalatedOn = null)
    {
        var checks = new Checks();
        var day = checks.Date("heldOn", "the date of the triage meeting", heldOn, notAfter: today, notBefore: escalatedOn,
            after: "the conversation that escalated the case");
        var people = (attendees ?? []).Select(a => a.Trim()).Where(a => a.Length > 0).Distinct().ToArray();
        if (people.Length == 0) checks.Add("attendees", "Enter who attended the triage meeting");
        if (people.Any(p => p.Length > 128)) checks.Add("attendees", "Each attendee's name must be 128 characters or fewer");
        if (people.Length > MaxAttendees) checks.Add("attendees", $"Enter at most {MaxAttendees} attendees");
        var why = checks.Text("rationale", "the rationale for the decision", rationale, Conversation.MaxText);
        // Advice is the outcome when triage closes the case; when it refers to panel, advice is optional.
        var given = checks.Text("advice", "the advice given", advice, Conversation.MaxText, required: !referToPanel);
        return checks.Result(() => new Triage(day, people, why, given));
    }
}

/// <summary>Whether an agreed action has been done. Values are stored: never renumber.</summary>
public enum ActionStatus
{
    Open = 1,
    Done = 2,
    /// <summary>No longer needed or possible; the reason is in the notes.</summary>
    Dropped = 3,
}

/// <summary>An action agreed at panel, owned by a named person from an agency.</summary>
public sealed record CaseAction(string Description, string OwnerName, Agency OwnerAgency, DateOnly DueOn, ActionStatus Status)
{
    public bool IsOverdue(DateOnly today) => Status == ActionStatus.Open && today > DueOn;

    public static Validated<CaseAction> Create(string? description, string? ownerName, Agency? ownerAgency, DateOnly? dueOn, DateOnly today)
    {
        var checks = new Checks();
        var what = checks.Text("description", "what the action is", description, 1000);
        var owner = checks.Text("ownerName", "who owns the action", ownerName, 128);
        if (ownerAgency is not { } agency || !Enum.IsDefined(agency)) checks.Add("ownerAgency", "Choose the owner's agency");
        var due = checks.Date("dueOn", "the due date", dueOn, notBefore: today);
        return checks.Result(() => new CaseAction(what, owner, ownerAgency!.Value, due, ActionStatus.Open));
    }
}

/// <summary>The panel's discussion of one case on its agenda.</summary>
public sealed record PanelDiscussion(string Summary, string Decisions, IReadOnlyList<CaseAction> Actions)
{
    public static Validated<PanelDiscussion> Create(string? summary, string? decisions, IReadOnlyList<CaseAction> actions)
    {
        var checks = new Checks();
        var s = checks.Text("summary", "a summary of the discussion", summary, Conversation.MaxText);
        var d = checks.Text("decisions", "the decisions", decisions, Conversation.MaxText);
        if (actions.Count == 0) checks.Add("actions", "Add at least one action with an owner and due date");
        return checks.Result(() => new PanelDiscussion(s, d, actions));
    }
}
