using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace KeyProjects.Web.Tests.Notices;

/// <summary>
/// A tiny real SMTP server on 127.0.0.1: speaks enough of RFC 5321 (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) for
/// MailKit to deliver to it, and keeps what it received. With a certificate it speaks TLS: from the first byte
/// (<paramref name="implicitTls"/>, as on port 465) or after STARTTLS (as on 587), and records how each mail arrived.
/// </summary>
public sealed class SmtpSink(X509Certificate2? certificate = null, bool implicitTls = false) : IAsyncDisposable
{
    public sealed record Mail(string From, IReadOnlyList<string> To, string Data, bool OverTls = false)
    {
        /// <summary>The body, decoded from base64 (as the app sends it).</summary>
        public string Body
        {
            get
            {
                var split = Data.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                var raw = Data[(split + 4)..].Replace("\r\n", "", StringComparison.Ordinal).Trim();
                try { return Encoding.UTF8.GetString(Convert.FromBase64String(raw)); }
                catch (FormatException) { return raw; }
            }
        }
    }

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    public ConcurrentQueue<Mail> Received { get; } = new();

    public int Port
    {
        get
        {
            _ = Loop;
            return ((IPEndPoint)_listener.LocalEndpoint).Port;
        }
    }

    private Task? _started;

    private Task Loop => _started ??= Start();

    private Task Start()
    {
        _listener.Start();
        return AcceptAsync();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = ServeAsync(client);
            }
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            Stream stream = client.GetStream();
            var overTls = false;
            if (implicitTls && certificate is not null)
            {
                var tls = new SslStream(stream);
                await tls.AuthenticateAsServerAsync(certificate);
                (stream, overTls) = (tls, true);
            }
            var reader = new StreamReader(stream, Encoding.ASCII);
            var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 sink ESMTP");
            string? from = null;
            var to = new List<string>();
            while (await reader.ReadLineAsync() is { } line)
            {
                var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO" when certificate is not null && !overTls:
                        await writer.WriteLineAsync("250-sink");
                        await writer.WriteLineAsync("250 STARTTLS");
                        break;
                    case "EHLO": await writer.WriteLineAsync("250 sink"); break;
                    case "HELO": await writer.WriteLineAsync("250 sink"); break;
                    case "STAR" when certificate is not null && !overTls:
                        await writer.WriteLineAsync("220 go ahead");
                        var tls = new SslStream(stream);
                        await tls.AuthenticateAsServerAsync(certificate);
                        (stream, overTls) = (tls, true);
                        reader = new StreamReader(stream, Encoding.ASCII);
                        writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
                        break;
                    case "MAIL": from = line[10..].Trim('<', '>', ' '); to.Clear(); await writer.WriteLineAsync("250 OK"); break;
                    case "RCPT": to.Add(line[8..].Trim('<', '>', ' ')); await writer.WriteLineAsync("250 OK"); break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync() is { } d && d != ".")
                            data.Append(d.StartsWith("..", StringComparison.Ordinal) ? d[1..] : d).Append("\r\n");
                        Received.Enqueue(new Mail(from ?? "", [.. to], data.ToString(), overTls));
                        await writer.WriteLineAsync("250 OK queued");
                        break;
                    case "QUIT": await writer.WriteLineAsync("221 bye"); return;
                    default: await writer.WriteLineAsync("250 OK"); break;
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        if (_started is not null) await _started;
        _stop.Dispose();
    }
}
