namespace ComplexCases.Web.Tests.Operations;

/// <summary>
/// Production needs the pseudonym key from configuration: a key made up by each process would give the same person a
/// different pseudonym on each instance and after each restart.
/// </summary>
public sealed class PseudonymKeyTests
{
    [Fact]
    public void Production_WithoutAKey_DoesNotStart_AndSaysWhatToSet()
    {
        using var site = new ConfiguredSiteFactory("Production", new Dictionary<string, string?> { ["Pseudonyms:Key"] = "" });

        var failure = Should.Throw<Exception>(() => site.CreateClient());

        FindSetting(failure).ShouldStartWith("Pseudonyms:Key must be set in Production");
    }

    [Theory]
    [InlineData("not base64 at all!", "must be base64")]
    [InlineData("c2hvcnQga2V5", "at least 32 bytes")]
    public void Production_WithAnUnusableKey_DoesNotStart_NamingTheSettingButNotTheValue(string key, string reason)
    {
        using var site = new ConfiguredSiteFactory("Production", new Dictionary<string, string?> { ["Pseudonyms:Key"] = key });

        var message = FindSetting(Should.Throw<Exception>(() => site.CreateClient()));

        message.ShouldStartWith("Pseudonyms:Key: ");
        message.ShouldContain(reason);
        message.ShouldNotContain(key);
    }

    [Fact]
    public async Task Development_WithoutAKey_StartsWithAKeyOfItsOwn()
    {
        using var site = new ConfiguredSiteFactory("Development", new Dictionary<string, string?>());
        using var client = site.CreateClient();

        (await client.GetAsync("/health/live")).IsSuccessStatusCode.ShouldBeTrue();
    }

    /// <summary>The start-up failure's message that names the setting (the host may wrap it).</summary>
    private static string FindSetting(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
            if (e.Message.StartsWith("Pseudonyms:Key", StringComparison.Ordinal)) return e.Message;
        return exception.Message;
    }
}
