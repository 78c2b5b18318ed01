using ComplexCases.Application.Audit;
using ComplexCases.Application.Notifications;
using ComplexCases.Application.Storage;
using ComplexCases.Data.Accounts;
using ComplexCases.Data.Workflow;
using ComplexCases.Domain.Notifications;
using ComplexCases.TestSupport.Email;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Web.Tests.Notifications;

/// <summary>The site's email hook, configured as in production, delivering to a real SMTP listener on loopback.</summary>
public sealed class EmailSetupTests
{
    [Fact]
    public async Task EmailConfigured_TheDispatcherAfterASweep_EmailsAStoredNotification()
    {
        await using var smtp = await LoopbackSmtpServer.StartAsync();
        using var site = new ConfiguredSiteFactory("Testing", Settings(smtp.Port));
        using (var db = site.Services.GetRequiredService<DatabaseTarget>().Open())
        {
            db.Users.Add(new StaffAccount { UserName = "synthetic.pp", DisplayName = "Synthetic Practitioner", Roles = "Practitioner", Email = "synthetic.pp@example.org" });
            db.Notifications.Add(new NotificationRecord
            {
                RecipientUserName = "synthetic.pp", Kind = (int)NotificationKind.NewlyListed, Title = "New complex case E000001 listed for September 2024",
                Body = "Complex case E000001 is on the September 2024 list.", Link = "/cases/E000001", Crns = "E000001",
                CreatedAt = site.Clock.GetUtcNow(), DedupKey = "newly-listed:E000001:synthetic.pp",
            });
            db.SaveChanges();
        }

        using (var scope = site.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<INotificationDispatcher>().DispatchAsync(CancellationToken.None);

        var email = (await smtp.WaitForAsync(1, TimeSpan.FromSeconds(10))).ShouldHaveSingleItem();
        email.EnvelopeTo.ShouldBe(["synthetic.pp@example.org"]);
        email.Message.TextBody!.ShouldContain("https://complex-cases.example.org/cases/E000001");
        using var check = site.Services.GetRequiredService<DatabaseTarget>().Open();
        check.Notifications.Single().EmailedAt.ShouldNotBeNull();
        // Sending CRNs by email is a disclosure: audited, with its recipient, by the service.
        var disclosure = check.AuditEvents.Single(e => e.EventType == AuditEventTypes.NotificationsEmailed);
        disclosure.Actor.ShouldBe("system");
        disclosure.Action.ShouldBe("disclosure");
        disclosure.SubjectCrns.ShouldBe("E000001");
        disclosure.Details.ShouldContain("\"recipient\":\"synthetic.pp\"");
    }

    [Fact]
    public void EmailNotConfigured_NothingIsEmailed()
    {
        using var site = new ConfiguredSiteFactory("Testing", new Dictionary<string, string?> { ["Notifications:SweepMinutes"] = "0" });
        using var scope = site.Services.CreateScope();

        scope.ServiceProvider.GetRequiredService<INotificationDispatcher>().ShouldBeOfType<NoEmailDispatcher>();
    }

    [Fact]
    public void EmailEnabledWithoutAHost_StopsTheStartWithTheReason()
    {
        var settings = Settings(25);
        settings["Email:Host"] = "";
        using var site = new ConfiguredSiteFactory("Testing", settings);

        var error = Should.Throw<Microsoft.Extensions.Options.OptionsValidationException>(() => site.Services);

        error.Message.ShouldContain("Email settings");
        error.Message.ShouldContain("Host");
    }

    private static Dictionary<string, string?> Settings(int port) => new()
    {
        ["Email:Enabled"] = "true",
        ["Email:Host"] = LoopbackSmtpServer.Host,
        ["Email:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:FromAddress"] = "complex-cases@example.org",
        ["Email:SiteBaseUrl"] = "https://complex-cases.example.org",
        // The test calls the hook itself, so no sweep runs alongside it.
        ["Notifications:SweepMinutes"] = "0",
    };
}
