using ComplexCases.Application.Notifications;

namespace ComplexCases.Application.Tests.Notifications;

public class EmailOptionsTests
{
    [Fact]
    public void Defaults_OffAndValid()
    {
        var options = new EmailOptions();

        options.Enabled.ShouldBeFalse();
        options.Port.ShouldBe(25);
        options.Mode.ShouldBe(EmailMode.Immediate);
        options.DigestHourLocal.ShouldBe(7);
        options.Validate().ShouldBeEmpty();
    }

    [Fact]
    public void Validate_CompleteSettings_NoProblems()
    {
        EmailTestData.Options().Validate().ShouldBeEmpty();
    }

    [Fact]
    public void Validate_EnabledWithoutHost_SaysHostIsRequired()
    {
        var options = new EmailOptions { Enabled = true, FromAddress = EmailTestData.From, SiteBaseUrl = EmailTestData.Site };

        options.Validate().ShouldBe(["Email:Host is required when Email:Enabled is true: give the mail server's host name."]);
    }

    [Fact]
    public void Validate_EnabledWithNothingElse_NamesEveryMissingKey()
    {
        var errors = new EmailOptions { Enabled = true }.Validate();

        errors.Count.ShouldBe(3);
        errors.ShouldContain(e => e.StartsWith("Email:Host is required", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("Email:FromAddress is required", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("Email:SiteBaseUrl is required", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Disabled_RequiresNothingButChecksWhatIsGiven()
    {
        new EmailOptions { Port = 0 }.Validate().ShouldBe(["Email:Port must be between 1 and 65535; it is 0."]);
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("Complex Cases <complex-cases@example.org>")]
    [InlineData("@example.org")]
    public void Validate_FromAddressNotAnAddress_SaysSo(string from)
    {
        var options = new EmailOptions { Enabled = true, Host = "smtp.example.org", FromAddress = from, SiteBaseUrl = EmailTestData.Site };

        options.Validate().ShouldBe([$"Email:FromAddress '{from}' is not an email address (name@domain)."]);
    }

    [Theory]
    [InlineData("complex-cases.example.org")]
    [InlineData("ftp://complex-cases.example.org")]
    [InlineData("https://complex-cases.example.org/?x=1")]
    [InlineData("https://complex-cases.example.org/#top")]
    [InlineData("/cases")]
    public void Validate_SiteBaseUrlNotAnAbsoluteSiteAddress_SaysWhatIsExpected(string url)
    {
        var options = new EmailOptions { SiteBaseUrl = url };

        options.Validate().ShouldHaveSingleItem().ShouldStartWith($"Email:SiteBaseUrl '{url}' must be an absolute http or https address");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(24)]
    public void Validate_DigestHourOutOfRange_SaysTheRange(int hour)
    {
        new EmailOptions { DigestHourLocal = hour }.Validate().ShouldBe([$"Email:DigestHourLocal must be an hour from 0 to 23; it is {hour}."]);
    }

    [Fact]
    public void Validate_TimeoutOutOfRange_SaysTheRange()
    {
        new EmailOptions { TimeoutSeconds = 0 }.Validate().ShouldBe(["Email:TimeoutSeconds must be from 1 to 600; it is 0."]);
    }

    [Fact]
    public void Validate_HostWithSpaces_Rejected()
    {
        new EmailOptions { Host = "smtp example" }.Validate().ShouldBe(["Email:Host 'smtp example' is not a host name or IP address."]);
    }

    [Fact]
    public void Validate_UserNameWithoutPassword_SaysTheyGoTogether()
    {
        new EmailOptions { UserName = "relay" }.Validate()
            .ShouldBe(["Email:UserName and Email:Password go together: give both to sign in to the mail server, or neither."]);
    }

    [Fact]
    public void Validate_PasswordOverUnencryptedRemoteConnection_RefusedWithoutShowingThePassword()
    {
        const string password = "a-password-that-must-not-be-shown";
        var options = new EmailOptions { Host = "smtp.example.org", Security = EmailSecurity.None, UserName = "relay", Password = password, FromAddress = "bad" };

        var errors = options.Validate();

        errors.ShouldContain("Email:Password is set but Email:Security is None: the password would cross the network unencrypted. Use StartTls or SslOnConnect.");
        errors.ShouldAllBe(e => !e.Contains(password, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_PasswordOverUnencryptedLoopback_Allowed()
    {
        new EmailOptions { Host = "localhost", UserName = "relay", Password = "p" }.Validate().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("127.0.0.1", EmailSecurity.None)]
    [InlineData("localhost", EmailSecurity.None)]
    [InlineData("::1", EmailSecurity.None)]
    [InlineData("smtp.example.org", EmailSecurity.StartTls)]
    [InlineData(null, EmailSecurity.StartTls)]
    public void EffectiveSecurity_Unset_NoneOnLoopbackElseStartTls(string? host, EmailSecurity expected)
    {
        new EmailOptions { Host = host }.EffectiveSecurity.ShouldBe(expected);
    }

    [Fact]
    public void EffectiveSecurity_Set_IsWhatWasSet()
    {
        new EmailOptions { Host = "127.0.0.1", Security = EmailSecurity.SslOnConnect }.EffectiveSecurity.ShouldBe(EmailSecurity.SslOnConnect);
    }

    [Fact]
    public void From_NoName_UsesTheServiceName()
    {
        var from = EmailTestData.Options().From;

        from.Name.ShouldBe(EmailOptions.DefaultFromName);
        from.Address.ShouldBe(EmailTestData.From);
    }
}
