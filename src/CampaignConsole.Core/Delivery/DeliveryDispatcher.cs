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
using DeliveryRow = CampaignConsole.Core.Delivery.Delivery;

namespace CampaignConsole.Core.Delivery;

/// <summary>
/// Sends due outbox rows, a batch at a time: re-checks that the journey was not stopped and the
/// message has not expired, renders the templates, hands each message to its channel and records
/// the outcomes in one commit. In-app, on-site and inbox rows are stored messages, so they are
/// committed and pushed first, before any slow external send of the same batch. Retryable failures
/// come back later with exponential backoff; after <see cref="EngineOptions.MaxAttempts"/> a row is
/// dead-lettered as failed.
/// </summary>
internal sealed class DeliveryDispatcher(IServiceScopeFactory scopes, DeliverySignal signal, TimeProvider clock,
    IOptions<EngineOptions> options, ILogger<DeliveryDispatcher> log) : BackgroundService
{
    private const int BatchSize = 200;

    /// <summary>One row ready to go out, with what it will send.</summary>
    private sealed record Job(DeliveryRow Row, IChannelSender Sender, OutgoingMessage Message, string ContentJson)
    {
        public SendOutcome? Outcome { get; set; }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var count = 0;
            try
            {
                count = await DispatchBatchAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Delivery dispatch failed; retrying");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
            if (count < BatchSize) await signal.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken);
        }
    }

    private async Task<int> DispatchBatchAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<CampaignDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.Deliveries.Where(d => d.Status == DeliveryStatus.Queued && d.DueAt <= now)
            .OrderBy(d => d.DueAt).ThenBy(d => d.Id).Take(BatchSize).ToListAsync(stoppingToken);
        if (rows.Count == 0) return 0;

        var jobs = await PrepareAsync(db, sp, rows, now, stoppingToken);
        var local = jobs.Where(j => IsStored(j.Row.Channel)).ToList();
        foreach (var j in local) j.Outcome = new SendOutcome(SendStatus.Sent, null);
        Apply(local);
        // Suppressed and failed rows, and the stored messages, are committed before anything is pushed.
        await db.SaveChangesAsync(CancellationToken.None);
        await PushAsync(sp.GetRequiredService<IRealtimeNotifier>(), local);

        var external = jobs.Except(local).ToList();
        if (external.Count == 0) return rows.Count;
        // Stopping cancels sends not yet started, never one under way: cancelling a request the receiver
        // may already have leaves its row queued, and the next start would send it a second time.
        try
        {
            await Parallel.ForEachAsync(external,
                new ParallelOptions { MaxDegreeOfParallelism = options.Value.SendConcurrency, CancellationToken = stoppingToken },
                async (job, _) => job.Outcome = await SendAsync(job, CancellationToken.None));
        }
        finally
        {
            Apply(external.Where(j => j.Outcome is not null));
            await db.SaveChangesAsync(CancellationToken.None);
        }
        return rows.Count;
    }

    /// <summary>Decides each row: suppressed, failed before sending, or a job with rendered content.</summary>
    private async Task<List<Job>> PrepareAsync(CampaignDbContext db, IServiceProvider sp, List<DeliveryRow> rows, DateTime now, CancellationToken ct)
    {
        var journeyIds = rows.Where(r => r.JourneyId is not null).Select(r => r.JourneyId!.Value).Distinct().ToList();
        var journeys = await db.Journeys.AsNoTracking().Where(j => journeyIds.Contains(j.Id)).ToDictionaryAsync(j => j.Id, ct);
        var contactIds = rows.Select(r => r.ContactId).Distinct().ToList();
        var contacts = await db.Contacts.AsNoTracking().Where(c => contactIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var secret = await db.Sources.AsNoTracking().OrderBy(s => s.Id).Select(s => s.SecretKey).FirstOrDefaultAsync(ct);
        var renderer = sp.GetRequiredService<ITemplateRenderer>();
        var senders = sp.GetServices<IChannelSender>().ToDictionary(s => s.Channel, StringComparer.Ordinal);

        var jobs = new List<Job>();
        foreach (var d in rows)
        {
            var journey = d.JourneyId is { } jid ? journeys.GetValueOrDefault(jid) : null;
            if (journey?.Status == JourneyStatus.Stopped) { d.Suppress("stopped: " + journey.EndReason); continue; }
            if (d.ExpiresAt is { } exp && exp <= now) { d.Suppress("expired before it could be sent"); continue; }
            if (!contacts.TryGetValue(d.ContactId, out var contact)) { d.Fail("the contact no longer exists", null); continue; }

            var spec = SendSpecJson.Read(d.TemplateJson);
            var traits = contact.Traits;
            var model = new TemplateModel(traits, Parse(journey?.EventJson), Parse(journey?.PayloadJson));
            var content = Render(renderer, spec, model, ct, out var renderError);
            if (content is null) { d.Fail("template: " + renderError, null); continue; }
            var contentJson = JsonSerializer.Serialize(content, JsonSerializerOptions.Web);
            if (!senders.TryGetValue(d.Channel, out var sender)) { d.Fail($"no sender is configured for the {d.Channel} channel", contentJson); continue; }

            var recipient = new Recipient(contact.Id, contact.UserId, Text(traits, "email"), Text(traits, "phone"), PushTokens(traits));
            jobs.Add(new Job(d, sender, new OutgoingMessage(d.Id, d.CampaignId, d.Channel, recipient, content, secret), contentJson));
        }
        return jobs;
    }

    private static async Task<SendOutcome> SendAsync(Job job, CancellationToken ct)
    {
        try
        {
            return await job.Sender.SendAsync(job.Message, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return new SendOutcome(SendStatus.RetryableFailure, ex.Message);
        }
    }

    private void Apply(IEnumerable<Job> jobs)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var job in jobs)
        {
            var d = job.Row;
            var outcome = job.Outcome!;
            switch (outcome.Status)
            {
                case SendStatus.Sent:
                    d.MarkSent(job.ContentJson, outcome.ProviderMessageId, now);
                    break;
                case SendStatus.RetryableFailure when d.Attempts + 1 < options.Value.MaxAttempts:
                    d.Retry(outcome.Detail ?? "failed", now + Backoff(d.Attempts + 1));
                    break;
                case SendStatus.RetryableFailure:
                    d.Fail($"dead-lettered after {d.Attempts + 1} attempts: {outcome.Detail}", job.ContentJson);
                    break;
                default:
                    d.Fail(outcome.Detail ?? "refused by the channel", job.ContentJson);
                    break;
            }
        }
    }

    private async Task PushAsync(IRealtimeNotifier realtime, IReadOnlyList<Job> stored)
    {
        if (stored.Count == 0) return;
        var messages = stored.Select(job => (job.Row.ContactId, new RealtimeMessage(job.Row.Id, job.Row.CampaignId, job.Row.Channel,
            job.Message.Content.Title, job.Message.Content.Body, job.Message.Content.Data?.ToJsonString(), job.Row.CreatedAt, job.Row.ExpiresAt))).ToList();
        try
        {
            await realtime.MessagesAsync(messages, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The messages are stored; the pages get them on their next sync.
            log.LogWarning(ex, "Live push of {Count} deliveries failed", messages.Count);
        }
    }

    private static bool IsStored(string channel) => channel is Channels.InApp or Channels.OnSite or Channels.Inbox;

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
