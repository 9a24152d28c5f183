using System.Text.Json.Nodes;

namespace CampaignConsole.Core.Delivery;

/// <summary>A message after Liquid rendering. Body is HTML for email, plain text for SMS/push, JSON for webhooks.</summary>
public sealed record RenderedContent(string? Subject, string? Title, string Body, string? Url, JsonObject? Data);
