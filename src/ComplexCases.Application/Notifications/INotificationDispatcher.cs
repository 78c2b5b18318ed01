namespace ComplexCases.Application.Notifications;

/// <summary>
/// THE email hook. After each reminder sweep the web's reminder service calls <see cref="DispatchAsync"/>, which is to send
/// the notifications not yet emailed (NotificationRecord.EmailedAt null; EmailAttempts and LastEmailError for retries),
/// one by one or as a digest. The service registers <see cref="NoEmailDispatcher"/> until an SMTP dispatcher replaces it.
/// </summary>
public interface INotificationDispatcher
{
    Task DispatchAsync(CancellationToken cancellationToken);
}

/// <summary>In-app notifications only: nothing is emailed.</summary>
public sealed class NoEmailDispatcher : INotificationDispatcher
{
    public Task DispatchAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
