using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignConsole.Core.Campaigns;
using CampaignConsole.Core.Delivery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CampaignConsole.Web.Api;

/// <summary>`/api/v1/campaigns`: definitions as JSON (the same ones the console shows), status changes, API triggers.</summary>
internal static class CampaignsApi
{
    public static RouteGroupBuilder MapCampaigns(this IEndpointRouteBuilder app)
    {
        var group = app.MapSecretApi("/campaigns", "Campaigns");
        group.MapGet("/", List).WithName("ListCampaigns");
        group.MapGet("/{id}", Get).WithName("GetCampaign");
        group.MapPost("/", Create).WithName("CreateCampaign").WithSummary("Create a campaign (status draft)");
        group.MapPut("/{id}", Update).WithName("UpdateCampaign");
        group.MapPost("/{id}/activate", Activate).WithName("ActivateCampaign");
        group.MapPost("/{id}/pause", Pause).WithName("PauseCampaign");
        group.MapGet("/{id}/deliveries", Deliveries).WithName("ListCampaignDeliveries");
        group.MapGet("/{id}/stats", Stats).WithName("GetCampaignStats").WithSummary("Journeys, control group, conversions and deliveries by status");
        group.MapPost("/{id}/trigger", Trigger).WithName("TriggerCampaign")
            .WithSummary("Run an API-triggered campaign for named users, with a payload (ExternalTrigger in templates)");
        return group;
    }

    private static async Task<Ok<List<CampaignDto>>> List(CampaignService campaigns, CancellationToken ct) =>
        TypedResults.Ok((await campaigns.ListAsync(ct)).Select(CampaignDto.From).ToList());

    private static async Task<Results<Ok<CampaignDto>, NotFound>> Get(CampaignService campaigns, string id, CancellationToken ct) =>
        await campaigns.FindAsync(id, ct) is { } c ? TypedResults.Ok(CampaignDto.From(c)) : TypedResults.NotFound();

    private static async Task<Results<Created<CampaignDto>, ValidationProblem>> Create(CampaignService campaigns, JsonElement body, CancellationToken ct)
    {
        var r = await campaigns.SaveAsync(body, create: true, null, ct);
        return r.IsOk ? TypedResults.Created($"/api/v1/campaigns/{r.Value!.Id}", CampaignDto.From(r.Value)) : Refused(r.Errors!);
    }

    private static async Task<Results<Ok<CampaignDto>, NotFound, ValidationProblem>> Update(CampaignService campaigns, string id, JsonElement body, CancellationToken ct)
    {
        var r = await campaigns.SaveAsync(body, create: false, id, ct);
        if (r.NotFound) return TypedResults.NotFound();
        return r.IsOk ? TypedResults.Ok(CampaignDto.From(r.Value!)) : Refused(r.Errors!);
    }

    private static async Task<Results<Ok<CampaignDto>, NotFound>> Activate(CampaignService campaigns, string id, CancellationToken ct) =>
        await campaigns.ActivateAsync(id, ct) is { IsOk: true } r ? TypedResults.Ok(CampaignDto.From(r.Value!)) : TypedResults.NotFound();

    private static async Task<Results<Ok<CampaignDto>, NotFound>> Pause(CampaignService campaigns, string id, CancellationToken ct) =>
        await campaigns.PauseAsync(id, ct) is { IsOk: true } r ? TypedResults.Ok(CampaignDto.From(r.Value!)) : TypedResults.NotFound();

    private static async Task<Results<Ok<DeliveryPageDto>, NotFound>> Deliveries(CampaignService campaigns, string id, int? skip, int? take, CancellationToken ct)
    {
        if (await campaigns.FindAsync(id, ct) is null) return TypedResults.NotFound();
        var page = await campaigns.DeliveriesAsync(id, skip ?? 0, take ?? 100, ct);
        return TypedResults.Ok(new DeliveryPageDto(page.Items.Select(DeliveryDto.From).ToList(), page.Total));
    }

    private static async Task<Results<Ok<CampaignStatsDto>, NotFound>> Stats(CampaignService campaigns, string id, CancellationToken ct)
    {
        if (await campaigns.FindAsync(id, ct) is null) return TypedResults.NotFound();
        var s = await campaigns.StatsAsync(id, ct);
        return TypedResults.Ok(new CampaignStatsDto(s.Journeys, s.HeldOut, s.Converted,
            s.Deliveries.ToDictionary(d => DeliveryTimelineSource.StatusName(d.Key), d => d.Value)));
    }

    private static async Task<Results<Ok<TriggerResultDto>, NotFound, ValidationProblem>> Trigger(ApiTrigger trigger, string id, TriggerRequestDto body, CancellationToken ct)
    {
        var errors = body.Validate();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var key = string.IsNullOrWhiteSpace(body.MessageId) ? Guid.NewGuid().ToString("N") : body.MessageId;
        var r = await trigger.TriggerAsync(id, body.Recipients!.Select(x => new TriggerRecipient(x.UserId!, x.Payload)).ToList(), body.Payload, key, ct);
        if (r.NotFound) return TypedResults.NotFound();
        if (!r.IsOk) return TypedResults.ValidationProblem(r.Errors!);
        return TypedResults.Ok(new TriggerResultDto(r.Value!.Select(o => new TriggerOutcomeDto(o.UserId, o.Status, o.Reason)).ToList()));
    }

    private static ValidationProblem Refused(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The campaign was not saved", detail: "Fix the named fields; nothing was stored.");
}

/// <summary>The stored definition with the server-owned fields (status, counts) added.</summary>
internal sealed record CampaignDto(string Id, string Name, string Status, JsonElement Definition, int Entered, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static CampaignDto From(CampaignRow c) => new(c.Id, c.Name, c.Status.ToString().ToLowerInvariant(),
        JsonText.Element(c.DefinitionJson), c.EnteredCount, c.CreatedAt, c.UpdatedAt);
}

/// <param name="Converted">Journeys (control group included) whose contact did the goal event within the goal's window.</param>
internal sealed record CampaignStatsDto(int Journeys, int HeldOut, int Converted, IReadOnlyDictionary<string, int> Deliveries);

internal sealed record DeliveryPageDto(IReadOnlyList<DeliveryDto> Items, int Total);

internal sealed record DeliveryDto(long Id, string? UserId, string Channel, string Status, string? Reason, int Attempts, DateTime CreatedAt,
    DateTime? SentAt, JsonElement? Content)
{
    public static DeliveryDto From(DeliveryRowView d) => new(d.Id, d.UserId, d.Channel, DeliveryTimelineSource.StatusName(d.Status), d.Reason,
        d.Attempts, d.CreatedAt, d.SentAt, JsonText.Optional(d.ContentJson));
}

/// <param name="Recipients">Up to 1,000 users, each with an optional payload merged over the shared one.</param>
/// <param name="Payload">Shared by every recipient.</param>
/// <param name="MessageId">Idempotency key: repeating a request with the same id enters no one twice.</param>
internal sealed record TriggerRequestDto(List<TriggerRecipientDto>? Recipients, JsonObject? Payload, string? MessageId)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (Recipients is null || Recipients.Count == 0) errors["recipients"] = ["at least one recipient is required"];
        else if (Recipients.Count > ApiTrigger.MaxRecipients) errors["recipients"] = [$"at most {ApiTrigger.MaxRecipients} recipients per call"];
        else
            for (var i = 0; i < Recipients.Count; i++)
                if (string.IsNullOrWhiteSpace(Recipients[i].UserId)) errors[$"recipients[{i}].userId"] = ["is required"];
        return errors;
    }
}

internal sealed record TriggerRecipientDto(string? UserId, JsonObject? Payload);

internal sealed record TriggerResultDto(IReadOnlyList<TriggerOutcomeDto> Recipients);

/// <param name="Status">`queued`, `suppressed` or `unknown-user`.</param>
internal sealed record TriggerOutcomeDto(string UserId, string Status, string? Reason);
