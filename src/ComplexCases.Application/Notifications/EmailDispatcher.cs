using ComplexCases.Data;

namespace ComplexCases.Application.Notifications;

/// <summary>The email hook when email is configured: sends what has not been emailed yet (see <see cref="NotificationEmails"/>).</summary>
public sealed class EmailDispatcher(ComplexCasesDbContext db, NotificationEmails emails) : INotificationDispatcher
{
    public async Task DispatchAsync(CancellationToken cancellationToken) => await emails.SendPendingAsync(db, cancellationToken);
}
