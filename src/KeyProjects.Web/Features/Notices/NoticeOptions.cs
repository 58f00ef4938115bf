using KeyProjects.Domain.Notices;

namespace KeyProjects.Web.Features.Notices;

/// <summary>Configuration section "Notices" (docs/OPERATIONS.md).</summary>
public sealed class NoticeOptions
{
    public const string Section = "Notices";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>E-mail for users who chose nothing.</summary>
    public EmailMode DefaultEmail { get; set; } = EmailMode.Digest;

    /// <summary>How often each server looks for e-mail to send.</summary>
    public int PollSeconds { get; set; } = 60;

    /// <summary>Notices older than this are never e-mailed (turning SMTP on does not mail out the past).</summary>
    public int MaxEmailAgeHours { get; set; } = 48;

    /// <summary>The site's address for links in e-mails ("https://xm.example.gov.cn"); relative links when empty.</summary>
    public string? BaseUrl { get; set; }

    public sealed class SmtpOptions
    {
        /// <summary>E-mail is off when empty.</summary>
        public string? Host { get; set; }
        public int Port { get; set; } = 25;
        public string? UserName { get; set; }
        public string? Password { get; set; }
        public string? From { get; set; }
        /// <summary>Kept from before MailKit: true means STARTTLS (<see cref="Security"/> StartTls).</summary>
        public bool EnableSsl { get; set; }
        /// <summary>
        /// Auto (default: TLS from the first byte on port 465, STARTTLS where the server offers it), StartTls (required),
        /// SslOnConnect (465), None (a trusted relay on the same host).
        /// </summary>
        public string? Security { get; set; }
        /// <summary>A server certificate to trust although no authority vouches for it (an intranet relay's own), by SHA-1 thumbprint.</summary>
        public string? TrustedCertificateThumbprint { get; set; }

        public MailKit.Security.SecureSocketOptions SocketOptions => Security?.Trim().ToLowerInvariant() switch
        {
            "none" => MailKit.Security.SecureSocketOptions.None,
            "starttls" => MailKit.Security.SecureSocketOptions.StartTls,
            "sslonconnect" or "ssl" or "tls" => MailKit.Security.SecureSocketOptions.SslOnConnect,
            _ when EnableSsl => MailKit.Security.SecureSocketOptions.StartTls,
            _ => MailKit.Security.SecureSocketOptions.Auto,
        };

        public bool Enabled => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(From);
    }
}
