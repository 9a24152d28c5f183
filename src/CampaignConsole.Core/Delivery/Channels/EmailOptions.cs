using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace CampaignConsole.Core.Delivery;

/// <summary>
/// Outgoing email over SMTP. Bound from the "Email" section. Everything is optional at startup:
/// until <c>Smtp:Host</c> and <c>From</c> are set, email sends fail permanently with a message saying so.
/// </summary>
public sealed class EmailOptions : IValidatableObject
{
    public const string Section = "Email";

    /// <summary>The sender, e.g. <c>"Shop &lt;news@shop.example&gt;"</c>. Required once email is used.</summary>
    public string? From { get; set; }

    public SmtpOptions Smtp { get; set; } = new();

    // Nested objects are not walked by ValidateDataAnnotations, so the SMTP fields are checked here.
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Smtp.Port is < 1 or > 65535)
        {
            yield return new ValidationResult("Email:Smtp:Port must be 1-65535.", ["Smtp.Port"]);
        }

        if (Smtp.TimeoutSeconds is < 1 or > 600)
        {
            yield return new ValidationResult("Email:Smtp:TimeoutSeconds must be 1-600.", ["Smtp.TimeoutSeconds"]);
        }

        if (!string.IsNullOrWhiteSpace(From) && !MailboxAddress.TryParse(From, out _))
        {
            yield return new ValidationResult($"Email:From '{From}' is not an email address.", [nameof(From)]);
        }
    }
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }

    /// <summary>Default 25.</summary>
    public int Port { get; set; } = 25;

    /// <summary>
    /// none, starttls or ssl (implicit TLS, usually port 465). Unset: none for a loopback host,
    /// otherwise STARTTLS when the server offers it.
    /// </summary>
    public SmtpTlsMode? UseTls { get; set; }

    /// <summary>Authenticate only when set.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>Per SMTP operation. Default 30 s.</summary>
    public int TimeoutSeconds { get; set; } = 30;
}

public enum SmtpTlsMode
{
    None,
    StartTls,
    Ssl,
}
