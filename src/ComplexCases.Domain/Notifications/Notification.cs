using ComplexCases.Domain.People;

namespace ComplexCases.Domain.Notifications;

/// <summary>
/// One thing to tell one member of staff: shown in the application and, when email is on, sent by email.
/// Built only through <see cref="Create"/> or <see cref="ForCase"/>, which check every field.
/// </summary>
/// <remarks>
/// Personal data minimisation: titles and bodies carry CRNs and links, never the name (or any other detail) of
/// the person on probation. In the application every view of a case is permission-checked and audited; an email
/// leaves that audit boundary — it is copied to mail servers, phones and forwarding rules we cannot see or erase.
/// A CRN alone tells an outsider nothing, and the link only works for someone allowed to sign in and see the case.
/// Names cannot be detected here, so callers must build texts from CRNs, dates and fixed wording only
/// (never from free text that users typed, such as an action's description).
/// </remarks>
public sealed record Notification
{
    /// <summary>Identity's default maximum user name length.</summary>
    public const int MaxRecipientLength = 256;
    /// <summary>The title becomes an email subject: keep it short enough to read in an inbox.</summary>
    public const int MaxTitleLength = 200;
    public const int MaxBodyLength = 4000;
    public const int MaxLinkLength = 500;
    /// <summary>A panel agenda is a handful of cases; more than this is a mistake, not an agenda.</summary>
    public const int MaxCrns = 100;

    private readonly Crn[] _crns;

    private Notification(NotificationKind kind, string recipientUserName, Crn[] crns, string title, string body, string link,
        DateTimeOffset createdAt, DateOnly? dueOn)
    {
        Kind = kind;
        RecipientUserName = recipientUserName;
        _crns = crns;
        Title = title;
        Body = body;
        Link = link;
        CreatedAt = createdAt;
        DueOn = dueOn;
    }

    public NotificationKind Kind { get; }
    /// <summary>The user name of the local account to tell; the caller resolves any email address from it.</summary>
    public string RecipientUserName { get; }
    /// <summary>The one case this is about; null when it covers several cases (see <see cref="Crns"/>) or none.</summary>
    public Crn? Crn => _crns.Length == 1 ? _crns[0] : null;
    /// <summary>Every case this is about, in the order given (a panel agenda's order), no duplicates.</summary>
    public IReadOnlyList<Crn> Crns => _crns.AsReadOnly();
    /// <summary>One line, e.g. "New complex case X123456 listed for October 2024".</summary>
    public string Title { get; }
    /// <summary>Plain text; lines separated by <c>\n</c>.</summary>
    public string Body { get; }
    /// <summary>A path within the site, e.g. <c>/cases/X123456</c>; emails make it absolute.</summary>
    public string Link { get; }
    /// <summary>In UTC.</summary>
    public DateTimeOffset CreatedAt { get; }
    /// <summary>When the late thing was due; set exactly for the overdue kinds (<see cref="NotificationKinds.IsOverdue"/>).</summary>
    public DateOnly? DueOn { get; }

    /// <summary>A notification about one case.</summary>
    public static Notification ForCase(NotificationKind kind, string recipientUserName, Crn crn, string title, string body,
        string link, DateTimeOffset createdAt, DateOnly? dueOn = null) =>
        Create(kind, recipientUserName, [crn], title, body, link, createdAt, dueOn);

    /// <summary>Checks every field and throws <see cref="ArgumentException"/> naming the first problem.</summary>
    /// <param name="crns">Exactly one for the kinds about one case (<see cref="NotificationKinds.IsAboutOneCase"/>);
    /// any number up to <see cref="MaxCrns"/> for a panel invitation or overdue triage.</param>
    public static Notification Create(NotificationKind kind, string recipientUserName, IEnumerable<Crn> crns, string title,
        string body, string link, DateTimeOffset createdAt, DateOnly? dueOn = null)
    {
        if (!Enum.IsDefined(kind)) throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a notification kind.");
        ArgumentNullException.ThrowIfNull(crns);

        if (string.IsNullOrWhiteSpace(recipientUserName))
            throw new ArgumentException("A notification needs a recipient: the user name of a local account.", nameof(recipientUserName));
        if (recipientUserName.Length > MaxRecipientLength)
            throw new ArgumentException($"The recipient's user name is {recipientUserName.Length} characters; at most {MaxRecipientLength}.", nameof(recipientUserName));
        if (recipientUserName.Any(char.IsControl) || recipientUserName.Trim().Length != recipientUserName.Length)
            throw new ArgumentException("The recipient's user name has a control character or leading or trailing spaces.", nameof(recipientUserName));

        var cases = crns.ToArray();
        if (cases.Length > MaxCrns) throw new ArgumentException($"{cases.Length} CRNs were given; at most {MaxCrns}.", nameof(crns));
        var duplicate = cases.GroupBy(c => c).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"CRN {duplicate.Key} is given more than once.", nameof(crns));
        if (kind.IsAboutOneCase() && cases.Length != 1)
            throw new ArgumentException($"A {kind} notification is about exactly one case; {cases.Length} CRNs were given.", nameof(crns));

        if (string.IsNullOrWhiteSpace(title)) throw new ArgumentException("A notification needs a title.", nameof(title));
        if (title.Length > MaxTitleLength) throw new ArgumentException($"The title is {title.Length} characters; at most {MaxTitleLength}.", nameof(title));
        // The title becomes an email subject: a line break there would start a new header.
        if (title.Any(char.IsControl)) throw new ArgumentException("The title must be one line without control characters.", nameof(title));

        ArgumentNullException.ThrowIfNull(body);
        body = body.ReplaceLineEndings("\n");
        if (string.IsNullOrWhiteSpace(body)) throw new ArgumentException("A notification needs a body.", nameof(body));
        if (body.Length > MaxBodyLength) throw new ArgumentException($"The body is {body.Length} characters; at most {MaxBodyLength}.", nameof(body));
        if (body.Any(c => char.IsControl(c) && c is not '\n' and not '\t'))
            throw new ArgumentException("The body has a control character other than a line break or tab.", nameof(body));

        CheckLink(link);

        if (kind.IsOverdue() && dueOn is null)
            throw new ArgumentException($"A {kind} notification needs the date the late thing was due (dueOn).", nameof(dueOn));
        if (!kind.IsOverdue() && dueOn is not null)
            throw new ArgumentException($"dueOn is only for overdue notifications; {kind} is not one.", nameof(dueOn));

        return new Notification(kind, recipientUserName, cases, title, body, link, createdAt.ToUniversalTime(), dueOn);
    }

    private static void CheckLink(string link)
    {
        ArgumentNullException.ThrowIfNull(link);
        const string Expected = "a path within this site starting with '/', e.g. /cases/X123456";
        if (link.Length > MaxLinkLength) throw new ArgumentException($"The link is {link.Length} characters; at most {MaxLinkLength}.", nameof(link));
        // "//host" and "/\host" are read by browsers as another site: a link in an email must never lead away.
        if (!link.StartsWith('/') || link.StartsWith("//", StringComparison.Ordinal) || link.Contains('\\')
            || link.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || !Uri.IsWellFormedUriString(link, UriKind.Relative))
            throw new ArgumentException($"The link '{link}' is not {Expected}.", nameof(link));
    }

    public bool Equals(Notification? other) =>
        other is not null && Kind == other.Kind && RecipientUserName == other.RecipientUserName && _crns.AsSpan().SequenceEqual(other._crns)
        && Title == other.Title && Body == other.Body && Link == other.Link && CreatedAt == other.CreatedAt && DueOn == other.DueOn;

    public override int GetHashCode() => HashCode.Combine(Kind, RecipientUserName, _crns.Length == 0 ? default : _crns[0], Title, Link, CreatedAt, DueOn);
}
