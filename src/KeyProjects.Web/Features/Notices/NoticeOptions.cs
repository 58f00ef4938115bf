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

    /// <summary>
    /// Group robots of organisations (企业微信 / 钉钉): items due or overdue in an organisation's subtree go to its groups
    /// and those of the organisations above it that have one.
    /// </summary>
    public List<WebhookOptions> Webhooks { get; set; } = [];

    /// <summary>SMS through the installation's HTTP gateway, to users who gave a mobile number.</summary>
    public SmsOptions Sms { get; set; } = new();

    /// <summary>
    /// At most this many messages to one group or phone per round (<see cref="PollSeconds"/>): robots take 20 a minute. More
    /// items than that go as lists in these messages.
    /// </summary>
    public int PushMessagesPerRound { get; set; } = 10;

    /// <summary>Anything to push: a usable webhook or an SMS gateway.</summary>
    public bool PushEnabled => Webhooks.Any(w => w.Usable) || Sms.Enabled;

    public enum RobotKind
    {
        WeCom = 1,
        DingTalk = 2,
    }

    public sealed class WebhookOptions
    {
        /// <summary>The organisation whose group this is.</summary>
        public int OrgId { get; set; }
        public RobotKind Kind { get; set; } = RobotKind.WeCom;
        /// <summary>The robot's address with its key or access token (a secret: never logged).</summary>
        public string? Url { get; set; }
        /// <summary>DingTalk's 加签 secret (SEC…), when the robot has one.</summary>
        public string? Secret { get; set; }
        /// <summary>One message a day at <see cref="DigestAt"/> listing the items, instead of one per item.</summary>
        public bool Digest { get; set; }
        /// <summary>Beijing time of the daily message, "08:30".</summary>
        public string? DigestAt { get; set; }

        public bool Usable => OrgId > 0 && Uri.TryCreate(Url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp);

        /// <summary>What a queued message names: kind, organisation and a hash of the address, so the key never reaches the database.</summary>
        public string Target => $"{Kind.ToString().ToLowerInvariant()}:{OrgId.ToString(System.Globalization.CultureInfo.InvariantCulture)}:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Url ?? "")))[..16]}";
    }

    public sealed class SmsOptions
    {
        /// <summary>The gateway's address; SMS is off when empty.</summary>
        public string? Url { get; set; }
        /// <summary>The request body; {phone} and {text} are replaced (JSON-escaped when the content type is JSON).</summary>
        public string Body { get; set; } = """{"phone":"{phone}","text":"{text}"}""";
        public string ContentType { get; set; } = "application/json";
        /// <summary>Headers of every request (the gateway's API key: put it in the environment).</summary>
        public Dictionary<string, string> Headers { get; set; } = [];
        /// <summary>One SMS a day per person at <see cref="DigestAt"/> instead of one per item.</summary>
        public bool Digest { get; set; }
        public string? DigestAt { get; set; }

        public bool Enabled => Uri.TryCreate(Url, UriKind.Absolute, out _);
    }

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
