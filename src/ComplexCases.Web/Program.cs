using ComplexCases.Application;
using ComplexCases.Application.Storage;
using ComplexCases.Data;
using ComplexCases.Data.Accounts;
using ComplexCases.Web;
using ComplexCases.Web.Api;
using ComplexCases.Web.Operations;
using ComplexCases.Web.SignIn;
using ComplexCases.Web.Operations.KeyRing;
using Microsoft.AspNetCore.Identity;

StartRefusal.ReportSettingsWithoutStackTrace();
var builder = WebApplication.CreateBuilder(args);
// The standard settings choose the address (ASPNETCORE_URLS, --urls, Kestrel:Endpoints); without any, localhost:5080.
if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]) && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
    builder.WebHost.UseUrls("http://localhost:5080");

// The host picks the database provider from the connection string (PostgreSQL for Host=… or postgres://, else a SQLite
// file); the application sees only IStoreProvider and the store operations it supplies.
var connectionString = builder.Configuration.GetConnectionString("ComplexCases");
var provider = ComplexCases.Hosting.StoreProviderByTarget.Instance;
builder.Services.AddSingleton<ComplexCases.Data.Providers.IStoreProvider>(provider);
var database = DatabaseTarget.Resolve(provider, connectionString);
if (!database.Succeeded) throw new StartRefusedException(database.Error);
builder.Services.AddSingleton(database.Value);

var demo = builder.Configuration.GetSection(DemoOptions.Section).Get<DemoOptions>() ?? new DemoOptions();
if (demo.Enabled && builder.Environment.IsProduction())
    throw new StartRefusedException("Demo mode (Demo:Enabled) must not run in Production: it seeds demo accounts with a published password.");
builder.Services.AddSingleton(demo);
DatabaseStartup.Prepare(database.Value,
    migrate: demo.Enabled || builder.Environment.IsDevelopment() || builder.Configuration.GetValue<bool>(DatabaseStartup.MigrateOnStartSetting));
var pooledConnection = provider.Pooled(database.Value.ConnectionString);
// Pooled contexts: setting up a context's internal services was a fifth of a list view's CPU.
builder.Services.AddDbContextPool<ComplexCasesDbContext>(options => provider.Configure(options, pooledConnection));
builder.Services.AddSingleton(TimeProvider.System);
// Cookie and antiforgery keys in the database: every instance and restart reads the same ones; encrypted at rest to a
// certificate from configuration (DataProtection:Certificate), required in Production unless explicitly waived.
builder.Services.AddKeyRing(builder.Configuration, builder.Environment);

// Local accounts: hashed passwords, lockout after repeated failures, secure cookies. Optionally the organisation's
// identity provider too (Authentication:OpenIdConnect), mapped onto the same local accounts and the same cookie.
// The default scheme picks the sign-in cookie, or on /api a bearer personal access token (SignIn/ApiTokenAuthentication).
var authentication = builder.Services.AddAuthentication(ApiTokenAuthentication.Selector);
authentication.AddIdentityCookies();
authentication.AddApiTokens();
authentication.AddComplexCasesOpenIdConnect(builder.Configuration, builder.Environment);
builder.Services.AddScoped<ExternalAccounts>();
builder.Services.AddIdentityCore<StaffAccount>(options =>
    {
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.Password.RequiredLength = 12;
        options.User.RequireUniqueEmail = false;
    })
    .AddEntityFrameworkStores<ComplexCasesDbContext>()
    .AddSignInManager()
    .AddClaimsPrincipalFactory<StaffClaimsFactory>();
builder.Services.ConfigureApplicationCookie(cookie =>
{
    cookie.LoginPath = "/sign-in";
    cookie.AccessDeniedPath = "/forbidden";
    cookie.Cookie.Name = "complexcases";
    cookie.Cookie.HttpOnly = true;
    cookie.Cookie.SameSite = SameSiteMode.Strict;
    cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    cookie.SlidingExpiration = true;
    cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
    // The JSON API answers 401/403 rather than redirecting to the sign-in or forbidden page.
    cookie.Events.OnRedirectToLogin = ComplexCasesApi.StatusForApi(StatusCodes.Status401Unauthorized, cookie.Events.OnRedirectToLogin);
    cookie.Events.OnRedirectToAccessDenied = ComplexCasesApi.StatusForApi(StatusCodes.Status403Forbidden, cookie.Events.OnRedirectToAccessDenied);
});
// The antiforgery cookie's default is never Secure; behind the TLS proxy it must be, like the sign-in cookie.
builder.Services.AddAntiforgery(antiforgery => antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
// A locked account, or one whose roles or cases changed, is signed out within a minute (the admin page renews its stamp).
builder.Services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));
builder.Services.AddAuthorization(options => options.AddPermissionPolicies());
var auditOptions = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<ComplexCasesDbContext>();
provider.Configure(auditOptions, pooledConnection);
builder.Services.AddSingleton(services => new ComplexCases.Application.Audit.GroupCommitAuditWriter(
    () => new ComplexCasesDbContext(auditOptions.Options), services.GetRequiredService<ComplexCases.Application.Audit.AuditLog>()));
builder.Services.AddScoped<Auditing>();
// Screenings started from the browser: queued in the database, run one at a time across instances; their pages poll the job.
builder.Services.AddScreeningJobs(builder.Configuration);
builder.Services.AddOptions<ComplexCases.Application.Screening.ReconciliationLimits>()
    .Bind(builder.Configuration.GetSection(ComplexCases.Application.Screening.ReconciliationLimits.Section))
    .ValidateDataAnnotations().ValidateOnStart();
// Every use case, built one way (ApplicationServices); the lines below add what this host chooses from its configuration.
builder.Services.AddComplexCasesApplication();
builder.Services.AddCaseWorkflow(builder.Configuration);
// Stored runs never change, so each run's PDU lists are read once and kept (bounded) in memory.
builder.Services.AddSingleton(_ => new ComplexCases.Application.Lists.MonthlyListCache());
// Pseudonyms stable across instances and restarts: the key from configuration, required in Production.
builder.Services.AddPseudonyms(builder.Configuration, builder.Environment);
builder.Services.AddEmail(builder.Configuration);
builder.Services.AddQualityAndNotifications(builder.Configuration);
builder.Services.AddCapacityPlanning(builder.Configuration);
builder.Services.AddRazorPages(options => options.Conventions.ConfigureFilter(new ComplexCases.Web.BadAddressFilter()));
builder.Services.AddOpenApi(options => options.AddBearerSecurity());
builder.Services.AddComplexCasesHealth();
builder.Services.AddComplexCasesRateLimits(builder.Configuration);
builder.AddComplexCasesTelemetry();

var app = builder.Build();
ComplexCases.Web.Workflow.CalendarWatch.Start(app.Services);
if (demo.Enabled) DemoData.EnsureSeeded(app.Services, builder.Services, app.Logger);

if (!app.Environment.IsDevelopment())
{
    // A page's failure shows the GOV.UK error page; the API's is a problem (JSON) with the same reference, not that page's HTML.
    app.UseWhen(context => ComplexCasesApi.Serves(context.Request.Path),
        api => api.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = ApiProblems.WriteServerErrorAsync }));
    app.UseWhen(context => !ComplexCasesApi.Serves(context.Request.Path), pages => pages.UseExceptionHandler("/error"));
    // Sent on HTTPS responses only. Behind a TLS-terminating proxy, ASPNETCORE_FORWARDEDHEADERS_ENABLED=true makes the
    // request count as HTTPS, so this header and the cookie's Secure flag follow (README, production settings).
    app.UseHsts();
}
app.UseSecurityHeaders();
app.UseStaticFiles();
// A refused or unknown page is a GOV.UK "Page not found" with a way back, not the browser's own page; the API keeps its codes.
app.UseWhen(context => !ComplexCasesApi.Serves(context.Request.Path), branch => branch.UseStatusCodePagesWithReExecute("/not-found", "?code={0}"));
app.UseRouting();
app.UseAuthentication();
// Before authorization, so a call refused for a bad token counts against its address's API limit: guessing tokens is limited.
app.UseRateLimiter();
app.UseAuthorization();
app.UseRefusalAuditing();
// Any signed-in account, by cookie or token (the fallback policy); a refusal is a problem, like the API's (ComplexCasesApi.Serves).
app.MapOpenApi().RequireRateLimiting(RateLimits.ApiPolicy);
app.MapRazorPages();
app.MapComplexCasesHealth();
app.MapComplexCasesApi();

app.Run();

/// <summary>Entry point, visible to the integration tests.</summary>
public partial class Program;
