using System.Diagnostics;
using System.Text.Json;
using MimeKit;

namespace CampaignConsole.Core.Tests.Delivery.Channels;

/// <summary>
/// A real SMTP server (Python's aiosmtpd, apt package python3-aiosmtpd) on 127.0.0.1 with a random port.
/// Each accepted message lands in a folder as NNNN.eml plus NNNN.json (envelope and login).
/// Recipients starting with "reject-" get 550, "busy-" get 451; AUTH accepts campaign / s3cret.
/// </summary>
public sealed class SmtpTestServer : IAsyncLifetime
{
    private const string Script = """
        import asyncio, json, os, sys
        from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

        folder = sys.argv[1]

        class Capture:
            def __init__(self):
                self.count = 0
            async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
                if address.startswith('reject-'):
                    return '550 5.1.1 mailbox unavailable'
                if address.startswith('busy-'):
                    return '451 4.3.0 try again later'
                envelope.rcpt_tos.append(address)
                return '250 OK'
            async def handle_DATA(self, server, session, envelope):
                self.count += 1
                name = os.path.join(folder, '%04d' % self.count)
                with open(name + '.eml', 'wb') as f:
                    f.write(envelope.original_content)
                login = session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None
                with open(name + '.json', 'w') as f:
                    json.dump({'mailFrom': envelope.mail_from, 'rcptTos': envelope.rcpt_tos, 'login': login}, f)
                return '250 2.0.0 queued as %04d' % self.count

        def authenticate(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and auth_data.login == b'campaign' and auth_data.password == b's3cret'
            return AuthResult(success=ok, handled=False, auth_data=auth_data)

        async def main():
            handler = Capture()
            loop = asyncio.get_running_loop()
            server = await loop.create_server(
                lambda: SMTP(handler, authenticator=authenticate, auth_require_tls=False, hostname='test.smtp'),
                '127.0.0.1', 0)
            print(server.sockets[0].getsockname()[1], flush=True)
            await server.serve_forever()

        asyncio.run(main())
        """;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cc-smtp-" + Guid.NewGuid().ToString("N"));
    private Process? _process;

    public int Port { get; private set; }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var script = Path.Combine(_folder, "smtp_capture.py");
        await File.WriteAllTextAsync(script, Script);
        // The distro Python, where apt installs aiosmtpd; a pyenv "python3" earlier on PATH would not see it.
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(_folder);
        _process = Process.Start(start)!;
        var line = await _process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        if (!int.TryParse(line, out var port))
        {
            var error = await _process.StandardError.ReadToEndAsync();
            throw new InvalidOperationException($"aiosmtpd did not start (apt-get install -y python3-aiosmtpd): {error}");
        }

        Port = port;
    }

    /// <summary>The message delivered to <paramref name="recipient"/>, with its envelope.</summary>
    public (MimeMessage Message, JsonElement Envelope) Received(string recipient)
    {
        foreach (var json in Directory.GetFiles(_folder, "*.json").Order())
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(json));
            if (doc.RootElement.GetProperty("rcptTos").EnumerateArray().Any(r => r.GetString() == recipient))
            {
                return (MimeMessage.Load(Path.ChangeExtension(json, ".eml")), doc.RootElement.Clone());
            }
        }

        throw new InvalidOperationException($"no message for {recipient} in {_folder}");
    }

    public int ReceivedCount(string recipient) => Directory.GetFiles(_folder, "*.json")
        .Count(json => File.ReadAllText(json).Contains($"\"{recipient}\"", StringComparison.Ordinal));

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
        }

        _process?.Dispose();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}
