using System.Net;
using ComplexCases.Application.Storage;
using ComplexCases.Data;
using ComplexCases.TestSupport.Data;
using ComplexCases.TestSupport.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ComplexCases.Web.BrowserTests;

/// <summary>
/// The real web app on a real Kestrel socket (127.0.0.1, random port) over a real SQLite file seeded by demo mode,
/// and Debian's Chromium driven by Playwright. Shared by every browser test (one collection); each test gets its own
/// browser context, so cookies never leak between journeys.
/// </summary>
public sealed class BrowserSite : IAsyncLifetime, IDisposable
{
    private readonly DemoKestrelFactory _factory = new();
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Full-page screenshots are kept here (under the test output) as artefacts of the run.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        // Chromium starts in its own processes while the site seeds its demo data (most of the start-up) on this thread.
        var launching = LaunchBrowserAsync();
        _factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        Directory.CreateDirectory(ScreenshotFolder);
        _browser = await launching;
    }

    private async Task<IBrowser> LaunchBrowserAsync()
    {
        _playwright = await Playwright.CreateAsync();
        return await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            // The browser stands for the user's own machine: in the moved-clock runs only the site's process has its clock
            // moved (the test command preloads libfaketime into the test host), never the browser's.
            Env = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
                .Select(e => (Key: (string)e.Key, Value: (string?)e.Value ?? ""))
                .Where(e => e.Key is not ("LD_PRELOAD" or "FAKETIME" or "FAKETIME_DONT_FAKE_MONOTONIC" or "FAKETIME_FORCE_MONOTONIC_FIX"))
                .ToDictionary(e => e.Key, e => e.Value),
        });
    }

    public async Task<IBrowserContext> NewContextAsync() => await _browser!.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = BaseAddress.ToString(),
        ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        Locale = "en-GB",
    });

    /// <summary>The site's services, for a test to set up data through the application's own use cases (outcomes, say).</summary>
    public IServiceProvider Services => _factory.Services;

    /// <summary>The site's own database, opened directly: the oracle for what a page should (or must not) show.</summary>
    public ComplexCasesDbContext OpenDatabase() => _factory.Services.GetRequiredService<DatabaseTarget>().Open();

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        await _factory.DisposeAsync();
    }

    public void Dispose() => _factory.Dispose();

    /// <summary>Debian's chromium (scripts/ensure-browser.sh installs it); Playwright never downloads a browser here.</summary>
    private static string ChromiumPath()
    {
        const string debian = "/usr/bin/chromium";
        if (File.Exists(debian)) return debian;
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, "chromium")).FirstOrDefault(File.Exists);
        return onPath ?? throw new InvalidOperationException("chromium not found: run scripts/ensure-browser.sh");
    }

    /// <summary>The site's clock: the demo and every due date are placed around its day, never the real one.</summary>
    public ComplexCases.TestSupport.TestClock Clock => _factory.Clock;

    private sealed class DemoKestrelFactory : WebApplicationFactory<Program>
    {
        private readonly ITestDatabase _database = TestDatabases.Create();

        public ComplexCases.TestSupport.TestClock Clock { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            foreach (var (key, value) in DemoSite.Settings(_database)) builder.UseSetting(key, value);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing) _database.Dispose();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserSite>
{
    public const string Name = "browser";
}
