using ComplexCases.Application.Audit;
using ComplexCases.Application.Workflow;
using ComplexCases.Data;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.Notifications;
using ComplexCases.Domain.People;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace ComplexCases.Application.Notifications;

/// <summary>What one pass of <see cref="NotificationEmails.SendPendingAsync"/> did.</summary>
public sealed record EmailPass(int Emails, int NotificationsSent, int Failed)
{
    public static EmailPass Nothing { get; } = new(0, 0, 0);
}

/// <summary>
/// Emails stored notifications that have not been emailed: one email each, or in digest mode one email per person
/// with everything created before the latest digest time. Stateless between passes: a notification is emailed once
/// (EmailedAt is set when the server accepts it); failures are recorded and retried on later passes up to
/// <see cref="MaxAttempts"/>, so a mail outage delays email but never loses the in-app notification.
/// </summary>
public sealed class NotificationEmails(EmailOptions options, IEmailSender sender, AuditLog log, TimeProvider clock)
{
    public const int MaxAttempts = 5;
    public const string NoAddress = "The account has no email address.";

    public async Task<EmailPass> SendPendingAsync(ComplexCasesDbContext db, CancellationToken cancellationToken = default)
    {
        if (!options.Enabled) return EmailPass.Nothing;
        var now = clock.GetUtcNow();
        var due = await db.Notifications.Where(n => n.EmailedAt == null && n.EmailAttempts < MaxAttempts)
            .OrderBy(n => n.Id).Take(1000).ToListAsync(cancellationToken);
        if (options.Mode == EmailMode.DailyDigest)
        {
            // Everything created before the most recent digest time goes out together; later ones wait for the next.
            // (Compared here, not in SQL: SQLite cannot order DateTimeOffset values.)
            var latestDigest = DigestSchedule.NextAfter(now.AddDays(-1), clock.LocalTimeZone, options.DigestHourLocal);
            if (latestDigest > now) return EmailPass.Nothing;
            due = [.. due.Where(n => n.CreatedAt <= latestDigest)];
        }
        if (due.Count == 0) return EmailPass.Nothing;

        var recipients = due.Select(n => n.RecipientUserName).Distinct().ToList();
        var addresses = await db.Users.AsNoTracking().Where(u => recipients.Contains(u.UserName!))
            .Select(u => new { u.UserName, u.Email, u.DisplayName }).ToDictionaryAsync(u => u.UserName!, cancellationToken);
        var composer = new EmailComposer(options, clock);
        var batches = new List<(MimeMessage Message, List<NotificationRecord> Records)>();
        var failed = 0;
        foreach (var group in due.GroupBy(n => n.RecipientUserName))
        {
            if (!addresses.TryGetValue(group.Key, out var account) || string.IsNullOrWhiteSpace(account.Email)
                || !MailboxAddress.TryParse(account.Email, out var to))
            {
                failed += Fail(group, NoAddress, retry: false);
                continue;
            }
            var valid = new List<(NotificationRecord Record, Notification Notification)>();
            foreach (var record in group)
            {
                if (ToNotification(record) is { } notification) valid.Add((record, notification));
                else failed += Fail([record], "The notification could not be read for email.", retry: false);
            }
            if (valid.Count == 0) continue;
            if (options.Mode == EmailMode.DailyDigest)
                batches.Add((composer.ComposeDigest([.. valid.Select(v => v.Notification)], to), [.. valid.Select(v => v.Record)]));
            else
                batches.AddRange(valid.Select(v => (composer.Compose(v.Notification, to), new List<NotificationRecord> { v.Record })));
        }

        var results = batches.Count == 0 ? [] : await sender.SendAllAsync([.. batches.Select(b => b.Message)], cancellationToken);
        var emails = 0;
        var sent = 0;
        var delivered = new List<NotificationRecord>();
        for (var i = 0; i < batches.Count; i++)
        {
            var result = results[i];
            if (result.Succeeded)
            {
                emails++;
                delivered.AddRange(batches[i].Records);
                foreach (var record in batches[i].Records)
                {
                    record.EmailedAt = now;
                    record.EmailAttempts++;
                    record.LastEmailError = null;
                    sent++;
                }
            }
            else
            {
                failed += Fail(batches[i].Records, result.Error ?? "Not sent.", result.Retryable);
            }
        }
        // The emailed marks and the disclosure's audit entries commit together. (If the process stops after sending and before
        // this, the emails go again at the next pass and are audited then.)
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
            AuditDisclosure(db, delivered);
            await transaction.CommitAsync(cancellationToken);
        }
        return new EmailPass(emails, sent, failed);
    }

    /// <summary>
    /// An email carrying CRNs to a mail server is a disclosure (DPA 2018 s.62: transmission): one entry per recipient per pass,
    /// so the log shows who received which cases. The recipient is named by user name, not by address, which the account holds.
    /// </summary>
    private void AuditDisclosure(ComplexCasesDbContext db, IReadOnlyList<NotificationRecord> delivered)
    {
        foreach (var group in delivered.GroupBy(n => n.RecipientUserName, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var crns = group.SelectMany(n => (n.Crns ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Select(c => Crn.TryParse(c, out var crn) ? crn : (Crn?)null).OfType<Crn>().Distinct();
            var kinds = string.Join(',', group.GroupBy(n => (NotificationKind)n.Kind).OrderBy(g => g.Key).Select(g => $"{g.Key.ToKey()}={g.Count()}"));
            log.Append(db, new AuditEntryRequest(WorkflowIntake.SystemActor, AuditAction.Disclosure, AuditEventTypes.NotificationsEmailed, EmailPurpose)
            {
                Subjects = AuditSubjects.Of(crns),
                Details = new AuditDetails().Add("recipient", group.Key).Add("channel", "email")
                    .Add("mode", options.Mode == EmailMode.DailyDigest ? "daily-digest" : "immediate")
                    .Add("emails", options.Mode == EmailMode.DailyDigest ? 1 : group.Count()).Add("notifications", group.Count())
                    .Add("kinds", kinds).ToString(),
            });
        }
    }

    public const string EmailPurpose = "Complex Case process: notifications to staff sent by email";

    private static int Fail(IEnumerable<NotificationRecord> records, string error, bool retry)
    {
        var count = 0;
        foreach (var record in records)
        {
            // Errors that will not mend themselves use up the attempts at once, so they are not retried every pass.
            record.EmailAttempts = retry ? record.EmailAttempts + 1 : MaxAttempts;
            record.LastEmailError = error.Length > 500 ? error[..500] : error;
            count++;
        }
        return count;
    }

    private static Notification? ToNotification(NotificationRecord record)
    {
        if (!Enum.IsDefined((NotificationKind)record.Kind)) return null;
        var crns = new List<Crn>();
        foreach (var text in (record.Crns ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Crn.TryParse(text, out var crn)) return null;
            crns.Add(crn);
        }
        try
        {
            // The stored DueOn is the date that made the notification new (a listing date, a meeting's date); only the overdue
            // kinds carry it as a due date in the email.
            var kind = (NotificationKind)record.Kind;
            return Notification.Create(kind, record.RecipientUserName, crns, record.Title, record.Body, record.Link,
                record.CreatedAt, kind.IsOverdue() ? record.DueOn : null);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
