using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace KeyProjects.Web.Tests.Notices;

/// <summary>
/// A tiny real SMTP server on 127.0.0.1: speaks enough of RFC 5321 (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) for
/// System.Net.Mail to deliver to it, and keeps what it received.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    public sealed record Mail(string From, IReadOnlyList<string> To, string Data)
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
    private readonly Task _loop;

    public ConcurrentQueue<Mail> Received { get; } = new();

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public SmtpSink()
    {
        _listener.Start();
        _loop = AcceptAsync();
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
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 sink ESMTP");
            string? from = null;
            var to = new List<string>();
            while (await reader.ReadLineAsync() is { } line)
            {
                var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO": await writer.WriteLineAsync("250 sink"); break;
                    case "HELO": await writer.WriteLineAsync("250 sink"); break;
                    case "MAIL": from = line[10..].Trim('<', '>', ' '); to.Clear(); await writer.WriteLineAsync("250 OK"); break;
                    case "RCPT": to.Add(line[8..].Trim('<', '>', ' ')); await writer.WriteLineAsync("250 OK"); break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync() is { } d && d != ".")
                            data.Append(d.StartsWith("..", StringComparison.Ordinal) ? d[1..] : d).Append("\r\n");
                        Received.Enqueue(new Mail(from ?? "", [.. to], data.ToString()));
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
        await _loop;
        _stop.Dispose();
    }
}
