using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplexCases.Data.Tests;

/// <summary>
/// Data-protection keys kept in the database (the DataProtectionKeys table): what one instance of the web application
/// protects (a sign-in cookie, an antiforgery token), another instance on the same database can read.
/// </summary>
public abstract class SharedKeysTests
{
    protected abstract void Configure(DbContextOptionsBuilder options);

    [Fact]
    public void What_one_instance_protects_another_reads_with_the_key_from_the_database()
    {
        using var first = Instance();
        using var second = Instance();
        var protectedText = Protector(first).Protect("signed in as ann.spo");
        Protector(second).Unprotect(protectedText).ShouldBe("signed in as ann.spo");

        using var scope = first.CreateScope();
        scope.ServiceProvider.GetRequiredService<ComplexCasesDbContext>().DataProtectionKeys.Count().ShouldBe(1);
    }

    private ServiceProvider Instance()
    {
        var services = new ServiceCollection();
        services.AddDbContext<ComplexCasesDbContext>(Configure);
        services.AddDataProtection().SetApplicationName("ComplexCases").PersistKeysToDbContext<ComplexCasesDbContext>();
        return services.BuildServiceProvider();
    }

    private static IDataProtector Protector(IServiceProvider instance) =>
        instance.GetRequiredService<IDataProtectionProvider>().CreateProtector("SharedKeysTests");
}
