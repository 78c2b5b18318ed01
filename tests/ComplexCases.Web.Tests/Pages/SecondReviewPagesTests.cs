using ComplexCases.Application.Quality;
using ComplexCases.Data.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Web.Tests.Pages;

/// <summary>The demo with every review chosen for a second opinion (Quality:SecondReviewShare=1).</summary>
public sealed class DoubleReviewSiteFactory : DemoSiteFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Quality:SecondReviewShare", "1");
    }
}

/// <summary>
/// Second reviews in the pages: another QDO of the region is asked for them on /reviews and, until theirs is recorded, sees
/// the first review without its answers and feedback; the QDO who wrote it still sees it whole.
/// </summary>
public sealed class SecondReviewPagesTests(DoubleReviewSiteFactory site) : IClassFixture<DoubleReviewSiteFactory>
{
    [Fact]
    public async Task AnotherQdo_IsAskedForTheSecondReview_AndSeesNoAnswersBeforeGivingIt()
    {
        string crn;
        using (var db = site.OpenDatabase())
        {
            // The demo's QDOs give the second reviews the rule asks for a few days on; the qdo account's review of today
            // still awaits one.
            using var scope = site.Services.CreateScope();
            var awaiting = scope.ServiceProvider.GetRequiredService<QualityReviews>().Pairs().Where(p => p.Second is null && p.First.Reviewer == "qdo")
                .Select(p => p.First.Id).Max();
            crn = db.QualityReviews.Single(r => r.Id == awaiting).Crn;
            var qdo = db.Users.Single(u => u.UserName == "qdo");
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffAccount>>();
            (await users.CreateAsync(new StaffAccount
            {
                UserName = "second-qdo", DisplayName = "Second QDO", Roles = "Qdo", RegionCode = qdo.RegionCode,
            }, SignedInClient.Password)).Succeeded.ShouldBeTrue();
        }
        var second = await site.SignInAsync("second-qdo");

        var reviews = await second.GetStringAsync("/reviews");
        var casePage = await second.GetStringAsync($"/cases/{crn}");

        reviews.ShouldContain("Second reviews asked for");
        reviews.ShouldContain($"href=\"/cases/{crn}/review\">Give the second review");
        casePage.ShouldContain("chosen for a second, independent review by another QDO");
        casePage.ShouldNotContain("What went well");

        var author = await site.SignInAsync("qdo");
        var own = await author.GetStringAsync($"/cases/{crn}");
        own.ShouldContain("What went well");
        own.ShouldNotContain("chosen for a second, independent review by another QDO");
    }
}
