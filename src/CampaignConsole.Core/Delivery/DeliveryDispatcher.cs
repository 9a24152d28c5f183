using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignConsole.Core.Campaigns;
using CampaignConsole.Core.Persistence;
using CampaignConsole.Core.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CampaignConsole.Core.Delivery;

/// <summary>
/// Sends due outbox rows: re-checks that the journey was not stopped, renders the templates, hands
/// the message to its channel and records the outcome. Retryable failures come back later with
/// exponential backoff; after <see cref="EngineOptions.MaxAttempts"/> the row is dead-lettered as failed.
/// </summary>
internal sealed class DeliveryDispatcher(IServiceScopeFactory scopes, DeliverySignal signal, TimeProvider clock,
    IOptions<EngineOptions> options, ILogger<DeliveryDispatcher> log) : BackgroundService
{
    private const int BatchSize = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            List<long> due;
            try
            {
                await using (var scope = scopes.CreateAsyncScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<CampaignDbContext>();
                    var now = clock.GetUtcNow().UtcDateTime;
                    due = await db.Deliveries.AsNoTracking().Where(d => d.Status == DeliveryStatus.Queued && d.DueAt <= now)
                        .OrderBy(d => d.DueAt).ThenBy(d => d.Id).Take(BatchSize).Select(d => d.Id).ToListAsync(stoppingToken);
                }
                // Stopping cancels sends not yet started, never one under way: cancelling a request the receiver
                // may already have leaves its row queued, and the next start would send it a second time.
                if (due.Count > 0)
                    await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = options.Value.SendConcurrency, CancellationToken = stoppingToken },
                        async (id, _) => await SendOneAsync(id, CancellationToken.None));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Delivery dispatch failed; retrying");
                due = [];
            }
            if (due.Count < BatchSize) await signal.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken);
        }
    }

    private async Task SendOneAsync(long id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<CampaignDbContext>();
        var d = await db.Deliveries.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (d is null || d.Status != DeliveryStatus.Queued) return;
        var now = clock.GetUtcNow().UtcDateTime;

        var journey = d.JourneyId is { } jid ? await db.Journeys.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jid, ct) : null;
        if (journey?.Status == JourneyStatus.Stopped)
        {
            d.Suppress("stopped: " + journey.EndReason);
            await db.SaveChangesAsync(ct);
            return;
        }
        if (d.ExpiresAt is { } exp && exp <= now)
        {
            d.Suppress("expired before it could be sent");
            await db.SaveChangesAsync(ct);
            return;
        }

        var contact = await db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == d.ContactId, ct);
        if (contact is null)
        {
            d.Fail("the contact no longer exists", null);
            await db.SaveChangesAsync(ct);
            return;
        }
        var spec = SendSpecJson.Read(d.TemplateJson);
        var traits = contact.Traits;
        var model = new TemplateModel(traits, Parse(journey?.EventJson), Parse(journey?.PayloadJson));
        var renderer = sp.GetRequiredService<ITemplateRenderer>();
        var content = Render(renderer, spec, model, ct, out var renderError);
        if (content is null)
        {
            d.Fail("template: " + renderError, null);
            await db.SaveChangesAsync(ct);
            return;
        }
        var contentJson = JsonSerializer.Serialize(content, JsonSerializerOptions.Web);

        var sender = sp.GetServices<IChannelSender>().FirstOrDefault(s => s.Channel == d.Channel);
        if (sender is null)
        {
            d.Fail($"no sender is configured for the {d.Channel} channel", contentJson);
            await db.SaveChangesAsync(ct);
            return;
        }
        var recipient = new Recipient(contact.Id, contact.UserId, Text(traits, "email"), Text(traits, "phone"), PushTokens(traits));
        var secret = await db.Sources.AsNoTracking().OrderBy(s => s.Id).Select(s => s.SecretKey).FirstOrDefaultAsync(ct);
        SendOutcome outcome;
        try
        {
            outcome = await sender.SendAsync(new OutgoingMessage(d.Id, d.CampaignId, d.Channel, recipient, content, secret), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            outcome = new SendOutcome(SendStatus.RetryableFailure, ex.Message);
        }

        now = clock.GetUtcNow().UtcDateTime;
        switch (outcome.Status)
        {
            case SendStatus.Sent:
                d.MarkSent(contentJson, outcome.ProviderMessageId, now);
                break;
            case SendStatus.RetryableFailure when d.Attempts + 1 < options.Value.MaxAttempts:
                d.Retry(outcome.Detail ?? "failed", now + Backoff(d.Attempts + 1));
                break;
            case SendStatus.RetryableFailure:
                d.Fail($"dead-lettered after {d.Attempts + 1} attempts: {outcome.Detail}", contentJson);
                break;
            default:
                d.Fail(outcome.Detail ?? "refused by the channel", contentJson);
                break;
        }
        await db.SaveChangesAsync(ct);

        if (d.Status == DeliveryStatus.Sent && d.Channel is Channels.InApp or Channels.OnSite or Channels.Inbox)
        {
            var realtime = sp.GetRequiredService<IRealtimeNotifier>();
            await realtime.MessageAsync(d.ContactId, new RealtimeMessage(d.Id, d.CampaignId, d.Channel, content.Title, content.Body,
                content.Data?.ToJsonString(), d.CreatedAt, d.ExpiresAt), ct);
        }
    }

    /// <summary>Exponential with ±20% jitter, so retries of one outage do not arrive together.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var o = options.Value;
        var seconds = Math.Min(o.RetryBaseDelay.TotalSeconds * Math.Pow(2, attempt - 1), o.MaxRetryDelay.TotalSeconds);
        return TimeSpan.FromSeconds(seconds * (0.8 + Random.Shared.NextDouble() * 0.4));
    }

    private static RenderedContent? Render(ITemplateRenderer renderer, SendSpec spec, TemplateModel model, CancellationToken ct, out string? error)
    {
        error = null;
        string? One(string? template, string field, ref string? err)
        {
            if (template is null || err is not null) return null;
            var r = renderer.Render(template, model, ct);
            if (r.Succeeded) return r.Output;
            err = $"{field}: {r.Error}";
            return null;
        }
        var subject = One(spec.Subject, "subject", ref error);
        var title = One(spec.Title, "title", ref error);
        var body = One(spec.Body, "body", ref error);
        var url = One(spec.Url, "url", ref error);
        return error is null ? new RenderedContent(subject, title, body ?? "", url, spec.Data) : null;
    }

    private static JsonObject? Parse(string? json) => json is null ? null : JsonNode.Parse(json) as JsonObject;

    private static string? Text(JsonObject traits, string key) =>
        traits[key] is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s : null;

    private static List<string> PushTokens(JsonObject traits)
    {
        var tokens = new List<string>();
        if (Text(traits, "pushToken") is { } one) tokens.Add(one);
        if (traits["pushTokens"] is JsonArray many)
            tokens.AddRange(many.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>());
        return tokens.Distinct().ToList();
    }
}
