using CampaignConsole.Core.Campaigns;
using CampaignConsole.Core.Common;
using CampaignConsole.Core.Persistence;
using CampaignConsole.Core.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using DeliveryRow = CampaignConsole.Core.Delivery.Delivery;

namespace CampaignConsole.Core.Delivery;

/// <summary>
/// "Send test message to this customer" from the console: one delivery through the normal outbox,
/// so it is rendered, sent, pushed live and shown on the timeline like any other.
/// </summary>
public sealed class TestMessageService(CampaignDbContext db, ITemplateRenderer templates, DeliverySignal signal, TimeProvider clock,
    IOptions<EngineOptions> options)
{
    public async Task<Result<long>> SendAsync(long contactId, string channel, string? title, string body, string? url, CancellationToken ct)
    {
        var errors = new ErrorList();
        if (!CampaignDefinitionParser.KnownChannels.Contains(channel)) errors.Add("channel", "is not a known channel");
        if (string.IsNullOrWhiteSpace(body)) errors.Add("body", "is required");
        if (channel == Channels.Webhook && string.IsNullOrWhiteSpace(url)) errors.Add("url", "is required for a webhook");
        CampaignDefinitionParser.ValidateTemplates(templates, errors, "", ("title", title), ("body", body), ("url", url));
        if (!await db.Contacts.AnyAsync(c => c.Id == contactId, ct)) errors.Add("contact", "does not exist");
        if (errors.Any) return Result<long>.Invalid(errors.ToDictionary());

        var now = clock.GetUtcNow().UtcDateTime;
        var spec = new SendSpec(channel, channel == Channels.Email ? title : null, title, body, url, null, null);
        var expires = channel == Channels.OnSite ? now + options.Value.OnSiteExpiry : (DateTime?)null;
        var delivery = DeliveryRow.Test(contactId, channel, SendSpecJson.Write(spec), expires, now);
        db.Deliveries.Add(delivery);
        await db.SaveChangesAsync(ct);
        signal.Notify();
        return Result<long>.Ok(delivery.Id);
    }
}
