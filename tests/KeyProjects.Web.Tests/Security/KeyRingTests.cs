using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using KeyProjects.Web.Data;
using KeyProjects.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KeyProjects.Web.Tests.Security;

/// <summary>Issue 12, point 15: with a certificate configured, the key ring that signs cookies and tokens is stored encrypted, and logins work across servers holding it.</summary>
public abstract class KeyRingTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    [Fact]
    public async Task WithACertificate_TheKeysAreEncryptedAtRest_AndATokenWorksOnAnotherServerWithIt()
    {
        var pfx = Path.Combine(Path.GetTempPath(), $"kp-keys-{Guid.NewGuid():N}.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=KeyProjects data protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "Cert-pass-2026"));
        }
        try
        {
            await App.WithServicesAsync(sp => sp.GetRequiredService<AppDbContext>().DataProtectionKeys.ExecuteDeleteAsync());
            void WithCertificate(IWebHostBuilder b)
            {
                b.UseSetting("DataProtection:CertificatePath", pfx);
                b.UseSetting("DataProtection:CertificatePassword", "Cert-pass-2026");
            }
            await using var first = App.WithWebHostBuilder(WithCertificate);
            var token = await first.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = "admin", password = KeyProjectsApp.AdminPassword });
            token.StatusCode.ShouldBe(HttpStatusCode.OK);

            var stored = await App.WithServicesAsync(sp => sp.GetRequiredService<AppDbContext>().DataProtectionKeys.Select(k => k.Xml).ToListAsync());
            stored.ShouldNotBeEmpty();
            stored.ShouldAllBe(xml => xml.Contains("encryptedSecret") && !xml.Contains("<masterKey"));

            await using var second = App.WithWebHostBuilder(WithCertificate);
            var other = second.CreateClient();
            other.DefaultRequestHeaders.Authorization = new("Bearer", (await token.JsonAsync()).Str("accessToken"));
            (await other.GetAsync("/api/v1/orgs")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        finally
        {
            File.Delete(pfx);
        }
    }
}

public sealed class KeyRingTestsSqlite : KeyRingTests<SqliteTestDatabase>;

public sealed class KeyRingTestsPostgres : KeyRingTests<PostgresTestDatabase>;
