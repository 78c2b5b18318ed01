using System.Buffers;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.ComponentModel;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace ComplexCases.TestSupport.Email;

/// <summary>One email as the server received it: the SMTP envelope and the parsed message.</summary>
public sealed record ReceivedEmail(string EnvelopeFrom, IReadOnlyList<string> EnvelopeTo, MimeMessage Message);

/// <summary>
/// A real SMTP server (the SmtpServer library) on 127.0.0.1 and a port the operating system chose, collecting
/// every message it accepts. Email tests send to it with the real sender, over a real socket.
/// </summary>
public sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;
    private readonly CancellationTokenSource _stop;
    private readonly Store _store;

    private LoopbackSmtpServer(SmtpServer.SmtpServer server, Task running, CancellationTokenSource stop, Store store, int port)
    {
        _server = server;
        _running = running;
        _stop = stop;
        _store = store;
        Port = port;
    }

    public const string Host = "127.0.0.1";
    public int Port { get; }

    /// <summary>The messages accepted so far, in order.</summary>
    public IReadOnlyList<ReceivedEmail> Received => _store.Snapshot();

    /// <param name="userName">With <paramref name="password"/>: sign-in is required and only these are accepted
    /// (over plain text, which is acceptable on loopback only).</param>
    /// <param name="refuseRecipients">Addresses the server refuses at RCPT TO (a permanent 550), as for an unknown mailbox.</param>
    public static async Task<LoopbackSmtpServer> StartAsync(string? userName = null, string? password = null, IEnumerable<string>? refuseRecipients = null)
    {
        var refused = new HashSet<string>(refuseRecipients ?? [], StringComparer.OrdinalIgnoreCase);
        var requireAuth = userName is not null;
        // Port 0: the operating system picks a free port as the listener binds, so there is no window in which
        // another process could take it; the factory's event reports which one it picked.
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, 0))
                .AuthenticationRequired(requireAuth)
                .AllowUnsecureAuthentication(requireAuth)
                .SessionTimeout(TimeSpan.FromSeconds(30)))
            .Build();
        var store = new Store();
        var listeners = new EndpointListenerFactory();
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        listeners.EndpointStarted += (_, args) => started.TrySetResult(((IPEndPoint)args.LocalEndPoint).Port);
        var services = new ServiceProvider();
        services.Add(listeners);
        services.Add(store);
        // The library passes (to, from) to a two-mailbox filter.
        services.Add(new DelegatingMailboxFilter((IMailbox to, IMailbox _) => !refused.Contains(to.AsAddress())));
        if (requireAuth)
            services.Add(new DelegatingUserAuthenticator((user, pass) => user == userName && pass == password));

        var server = new SmtpServer.SmtpServer(options, services);
        var stop = new CancellationTokenSource();
        var running = server.StartAsync(stop.Token);
        var first = await Task.WhenAny(started.Task, running, Task.Delay(TimeSpan.FromSeconds(10)));
        if (first != started.Task)
        {
            await stop.CancelAsync();
            stop.Dispose();
            if (first == running) await running; // surfaces the reason it could not start
            throw new TimeoutException("The loopback SMTP server did not start within 10 s.");
        }
        return new LoopbackSmtpServer(server, running, stop, store, await started.Task);
    }

    /// <summary>Waits until at least <paramref name="count"/> messages have arrived (for senders that run in the background).</summary>
    public async Task<IReadOnlyList<ReceivedEmail>> WaitForAsync(int count, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (_store.Count < count)
        {
            try { await _store.ArrivedAsync(cts.Token); }
            catch (OperationCanceledException) { throw new TimeoutException($"{_store.Count} of {count} messages arrived within {timeout}."); }
        }
        return Received;
    }

    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        await _stop.CancelAsync();
        try { await _running.WaitAsync(TimeSpan.FromSeconds(10)); }
        catch (OperationCanceledException) { }
        _stop.Dispose();
    }

    private sealed class Store : MessageStore
    {
        private readonly Lock _lock = new();
        private readonly List<ReceivedEmail> _messages = [];
        private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Count { get { lock (_lock) return _messages.Count; } }

        public IReadOnlyList<ReceivedEmail> Snapshot() { lock (_lock) return [.. _messages]; }

        public Task ArrivedAsync(CancellationToken cancellationToken) { lock (_lock) return _arrived.Task.WaitAsync(cancellationToken); }

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            var received = new ReceivedEmail(
                transaction.From.AsAddress(),
                transaction.To.Select(m => m.AsAddress()).ToList(),
                message);
            TaskCompletionSource arrived;
            lock (_lock)
            {
                _messages.Add(received);
                arrived = _arrived;
                _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            arrived.TrySetResult();
            return SmtpResponse.Ok;
        }
    }
}
