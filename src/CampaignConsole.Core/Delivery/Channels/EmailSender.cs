using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CampaignConsole.Core.Delivery;

/// <summary>Sends HTML email (with a plain-text alternative) over SMTP with MailKit.</summary>
internal sealed class EmailSender(IOptionsMonitor<EmailOptions> options, TimeProvider time, ILogger<EmailSender> logger) : IChannelSender
{
    public string Channel => Channels.Email;

    public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var settings = options.CurrentValue;
        var smtp = settings.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            return SendOutcome.Permanent("email is not configured (Email:Smtp:Host)");
        }

        if (string.IsNullOrWhiteSpace(settings.From) || !MailboxAddress.TryParse(settings.From, out var from))
        {
            return SendOutcome.Permanent("email is not configured (Email:From)");
        }

        if (string.IsNullOrWhiteSpace(message.Recipient.Email))
        {
            return SendOutcome.Permanent("no email trait");
        }

        if (!MailboxAddress.TryParse(message.Recipient.Email, out var to))
        {
            return SendOutcome.Permanent($"invalid email address '{message.Recipient.Email}'");
        }

        using var mime = Compose(message, from, to);
        using var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, TlsOption(smtp), ct);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
            }

            var reply = await client.SendAsync(mime, ct);
            await client.DisconnectAsync(quit: true, ct);
            return SendOutcome.Sent(mime.MessageId, reply);
        }
        catch (SmtpCommandException ex)
        {
            // SMTP's own split: 4xx is transient (greylisting, full mailbox, rate limit), 5xx is final.
            var detail = $"SMTP {(int)ex.StatusCode} ({ex.ErrorCode}): {ex.Message}";
            logger.LogInformation("Email delivery {DeliveryId} failed: {Detail}", message.DeliveryId, detail);
            return (int)ex.StatusCode >= 500 ? SendOutcome.Permanent(detail) : SendOutcome.Retryable(detail);
        }
        catch (AuthenticationException ex)
        {
            return SendOutcome.Permanent($"SMTP authentication failed (Email:Smtp:UserName/Password): {ex.Message}");
        }
        catch (Exception ex) when (IsTransient(ex, ct))
        {
            logger.LogInformation(ex, "Email delivery {DeliveryId} failed", message.DeliveryId);
            return SendOutcome.Retryable($"SMTP server {smtp.Host}:{smtp.Port} unavailable: {ex.Message}");
        }
    }

    private MimeMessage Compose(OutgoingMessage message, MailboxAddress from, MailboxAddress to)
    {
        var mime = new MimeMessage
        {
            Subject = message.Content.Subject ?? message.Content.Title ?? "",
            Date = time.GetUtcNow(),
            // Stable per delivery: a resend after a lost reply carries the same Message-Id, so receivers can drop the copy.
            MessageId = $"campaign-console.{message.DeliveryId.ToString(CultureInfo.InvariantCulture)}@{Domain(from)}",
            Body = new BodyBuilder { HtmlBody = message.Content.Body, TextBody = HtmlText.ToPlainText(message.Content.Body) }.ToMessageBody(),
        };
        mime.From.Add(from);
        mime.To.Add(to);
        mime.Headers.Add("X-Campaign-Delivery-Id", message.DeliveryId.ToString(CultureInfo.InvariantCulture));
        mime.Headers.Add("X-Campaign-Id", message.CampaignId);
        return mime;
    }

    private static string Domain(MailboxAddress from)
    {
        var at = from.Address.LastIndexOf('@');
        return at >= 0 && at < from.Address.Length - 1 ? from.Address[(at + 1)..] : "campaign-console.local";
    }

    private static SecureSocketOptions TlsOption(SmtpOptions smtp) => smtp.UseTls switch
    {
        SmtpTlsMode.None => SecureSocketOptions.None,
        SmtpTlsMode.StartTls => SecureSocketOptions.StartTls,
        SmtpTlsMode.Ssl => SecureSocketOptions.SslOnConnect,
        // Unset: a local relay rarely has a certificate; anywhere else, use TLS when the server offers it.
        _ => IsLoopback(smtp.Host!) ? SecureSocketOptions.None : SecureSocketOptions.StartTlsWhenAvailable,
    };

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));

    private static bool IsTransient(Exception ex, CancellationToken ct) => ex switch
    {
        OperationCanceledException => !ct.IsCancellationRequested,
        SmtpProtocolException or ServiceNotConnectedException or SslHandshakeException or IOException or SocketException or TimeoutException => true,
        _ => false,
    };
}
